"""ConvertTo-SecureString and ConvertFrom-SecureString, from PowerShell's Pester tests
(test/powershell/Modules/Microsoft.PowerShell.Security/SecureString.Tests.ps1,
test/powershell/Modules/Microsoft.PowerShell.Utility/ConvertTo-SecureString.Tests.ps1) and the
formats SecureStringHelper uses on Linux; the AES part is checked against OpenSSL's."""

from __future__ import annotations

import base64
import os
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import psbridge
from psbridge.cmdlets.security.aes import CryptographicError, decrypt_cbc, encrypt_cbc
from psbridge.objects import SecureString
from tests.helpers import run_psbridge
from tests.language.evaluator_helpers import Session

HEADER = "76492d1116743f0423413b16050a5345"


def plain(secret: SecureString) -> str:
    return secret.reveal()


# -- SecureString.Tests.ps1 -----------------------------------------------------------------------


def test_null_arguments_are_refused_by_the_binder() -> None:
    # SecureString.Tests.ps1:14-17
    session = Session()
    session.run("ConvertFrom-SecureString -SecureString $null -Key $null")
    assert session.error_ids == [
        "ParameterArgumentValidationErrorNullNotAllowed,Microsoft.PowerShell.Commands.ConvertFromSecureStringCommand"
    ]


def test_a_bad_key_is_an_argument_error() -> None:
    # SecureString.Tests.ps1:19-23
    session = Session()
    out = session.run(
        "$s = ConvertTo-SecureString ABCD -AsPlainText -Force; "
        "try { ConvertFrom-SecureString -SecureString $s -Key ([byte[]]@(1,2)); 'not here' } "
        "catch { $_.FullyQualifiedErrorId; $_.Exception.Message }"
    )
    assert out == [
        "Argument,Microsoft.PowerShell.Commands.ConvertFromSecureStringCommand",
        "The specified key is not valid. Valid key length settings are either 128 bits, 192 bits, or 256 bits.",
    ]


@pytest.mark.parametrize(
    ("line", "script"),
    [
        (25, "ConvertTo-SecureString -AsPlainText -Force abcd"),
        (11, 'ConvertTo-SecureString "plaintextpester" -AsPlainText -Force'),  # ConvertTo-SecureString.Tests.ps1
        (0, "ConvertTo-SecureString plain -AsPlainText"),  # -Force is no longer needed in PowerShell 7
    ],
)
def test_convert_to_a_secure_string(line, script) -> None:
    # SecureString.Tests.ps1:<line>: ... | Should -BeOfType SecureString
    (result,) = Session().run(script)
    assert isinstance(result, SecureString)
    assert Session().run(f"({script}).GetType().FullName") == ["System.Security.SecureString"]


def test_round_trip_without_a_key_uses_the_unix_format() -> None:
    # SecureString.Tests.ps1:30-34; on Unix SecureStringHelper.Protect has no DPAPI: UTF-16LE as hex
    session = Session()
    out = session.run(
        "$ss1 = ConvertTo-SecureString -AsPlainText -Force ABCD; $e = ConvertFrom-SecureString $ss1; $e; "
        "$ss2 = $e | ConvertTo-SecureString; $ss2 | ConvertFrom-SecureString -AsPlainText"
    )
    assert out == ["4100420043004400", "ABCD"]
    assert session.run("'e9006d00' | ConvertTo-SecureString | ConvertFrom-SecureString -AsPlainText") == ["é" + "m"]


def test_round_trip_with_a_key() -> None:
    # SecureString.Tests.ps1:36-43
    session = Session()
    out = session.run(
        "$testString = '[8Chars][8Chars][Not8]'; $key = [System.Text.Encoding]::UTF8.GetBytes('1234'*8); "
        "$ss1 = $testString | ConvertTo-SecureString -AsPlainText -Force; "
        "$encodedStr = $ss1 | ConvertFrom-SecureString -Key $key; $encodedStr; "
        "$ss2 = $encodedStr | ConvertTo-SecureString -Key $key; $ss2 | ConvertFrom-SecureString -AsPlainText"
    )
    encoded, decoded = out
    assert decoded == "[8Chars][8Chars][Not8]"
    # pwsh's version-2 package: the header, then Base64 of UTF-16LE "2|<IV>|<cipher hex>"
    assert encoded.startswith(HEADER)
    version, iv_text, cipher_hex = base64.b64decode(encoded[len(HEADER) :]).decode("utf-16-le").split("|")
    iv = base64.b64decode(iv_text)
    assert version == "2" and len(iv) == 16
    key = b"1234" * 8
    assert decrypt_cbc(bytes.fromhex(cipher_hex), key, iv) == "[8Chars][8Chars][Not8]".encode("utf-16-le")


def test_a_package_pwsh_wrote_is_read() -> None:
    # built here exactly as SecureStringHelper.Encrypt and ConvertFromSecureStringCommand do
    key, iv = bytes(range(1, 17)), bytes(range(100, 116))
    cipher = encrypt_cbc("pässwörd".encode("utf-16-le"), key, iv)
    package = f"2|{base64.b64encode(iv).decode()}|{cipher.hex()}".encode("utf-16-le")
    encoded = HEADER.upper() + base64.b64encode(package).decode()  # the header is matched in any case
    (result,) = psbridge.run("$e | ConvertTo-SecureString -Key (1..16)", variables={"e": encoded})
    assert plain(result) == "pässwörd"


def test_secure_key_uses_its_characters_utf16_bytes() -> None:
    session = Session()
    out = session.run(
        "$k = ConvertTo-SecureString 'sixteen-chars-ok' -AsPlainText; "
        "$e = ConvertTo-SecureString 'secret' -AsPlainText | ConvertFrom-SecureString -SecureKey $k; "
        "$e | ConvertTo-SecureString -SecureKey $k | ConvertFrom-SecureString -AsPlainText; "
        "ConvertTo-SecureString $e ([securestring](ConvertTo-SecureString 'sixteen-chars-ok' -AsPlainText)) | "
        "ConvertFrom-SecureString -AsPlainText"
    )
    assert out == ["secret", "secret"]


def test_invalid_secure_string_argument_does_not_show_the_value() -> None:
    # SecureString.Tests.ps1:45-53
    session = Session()
    out = session.run(
        "try { ConvertFrom-SecureString '1234' } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }; "
        "try { [securestring]'1234' } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }"
    )
    assert out[0] == "CannotConvertArgumentNoMessage,Microsoft.PowerShell.Commands.ConvertFromSecureStringCommand"
    assert out[2] == "ConvertToFinalInvalidCastException"
    assert "1234" not in out[1] and "1234" not in out[3]
    assert out[3] == 'Cannot convert the value of type "System.String" to type "System.Security.SecureString".'


def test_wrong_key_and_bad_text_are_powershells_errors() -> None:
    session = Session()
    out = session.run(
        "$e = ConvertTo-SecureString x -AsPlainText | ConvertFrom-SecureString -Key (1..16); "
        "$e | ConvertTo-SecureString -Key (2..17); 'continued'; "
        "'abc' | ConvertTo-SecureString; 'continued'; "
        "$e | ConvertTo-SecureString -Key (1..5); "
        "try { 'zz' | ConvertTo-SecureString } catch { $_.FullyQualifiedErrorId }; "
        "try { ConvertTo-SecureString '' } catch { $_.FullyQualifiedErrorId }"
    )
    assert out[:2] == ["continued", "continued"]
    assert out[2] == "System.FormatException,Microsoft.PowerShell.Commands.ConvertToSecureStringCommand"
    assert out[3] == (
        "ParameterArgumentValidationErrorEmptyStringNotAllowed,Microsoft.PowerShell.Commands.ConvertToSecureStringCommand"
    )
    errors = [(r.fully_qualified_error_id.split(",")[0], str(r.exception)) for r in session.errors[:3]]
    assert errors == [
        ("ImportSecureString_InvalidArgument_CryptographicError", "Padding is invalid and cannot be removed."),
        ("ImportSecureString_InvalidArgument", 'The parameter value "abc" is not a valid encrypted string.'),
        (
            "ImportSecureString_InvalidArgument",
            "The specified key is not valid. Valid key length settings are either 128 bits, 192 bits, or 256 bits.",
        ),
    ]


def test_empty_secure_string_cannot_be_exported() -> None:
    # ConvertFromSecureStringCommand: SecureStringData.Length == 0 -> NewArgumentException("SecureString")
    with pytest.raises(psbridge.PSError) as caught:
        psbridge.invoke("ConvertFrom-SecureString", SecureString(""))
    assert caught.value.error_record.fully_qualified_error_id == (
        "Argument,Microsoft.PowerShell.Commands.ConvertFromSecureStringCommand"
    )
    assert str(caught.value) == (
        'Cannot process argument because the value of argument "SecureString" is not valid. Change the value of the '
        '"SecureString" argument and run the operation again.'
    )


def test_a_secure_string_prints_its_type_name() -> None:
    # FormatViewManager lists System.Security.SecureString among the scalar types
    result = run_psbridge("-Command", "ConvertTo-SecureString hidden-text -AsPlainText -Force")
    assert (result.returncode, result.stdout) == (0, "System.Security.SecureString\n")


def test_the_cmdlets_are_in_the_security_module() -> None:
    out = Session().run(
        "(Get-Command ConvertTo-SecureString).Source; Import-Module Microsoft.PowerShell.Security; "
        "(Get-Command -Module Microsoft.PowerShell.Security).Name"
    )
    assert out == ["Microsoft.PowerShell.Security", "ConvertFrom-SecureString", "ConvertTo-SecureString"]


# -- AES as .NET's Aes.Create() does it -----------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "expected"),
    [  # FIPS-197 appendix C: plaintext 00112233..ff
        ("000102030405060708090a0b0c0d0e0f", "69c4e0d86a7b0430d8cdb78070b4c55a"),
        ("000102030405060708090a0b0c0d0e0f1011121314151617", "dda97ca4864cdfe06eaf70a0ec0d7191"),
        ("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "8ea2b7ca516745bfeafc49904b496089"),
    ],
)
def test_aes_known_answers(key, expected) -> None:
    plain_block = bytes.fromhex("00112233445566778899aabbccddeeff")
    cipher = encrypt_cbc(plain_block, bytes.fromhex(key), bytes(16))
    assert cipher[:16].hex() == expected  # a zero IV makes the first CBC block the raw block cipher
    assert decrypt_cbc(cipher, bytes.fromhex(key), bytes(16)) == plain_block


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
@pytest.mark.parametrize("size", [16, 24, 32])
@pytest.mark.parametrize("length", [0, 15, 16, 37])
def test_aes_cbc_matches_openssl(size, length) -> None:
    key, iv, data = os.urandom(size), os.urandom(16), os.urandom(length)
    expected = subprocess.run(
        ["openssl", "enc", f"-aes-{size * 8}-cbc", "-K", key.hex(), "-iv", iv.hex()],
        input=data,
        capture_output=True,
        check=True,
    ).stdout
    assert encrypt_cbc(data, key, iv) == expected
    assert decrypt_cbc(expected, key, iv) == data


def test_aes_failures_are_cryptographic_errors() -> None:
    key, iv = bytes(16), bytes(16)
    with pytest.raises(CryptographicError, match="not a complete block"):
        decrypt_cbc(b"12345", key, iv)
    cipher = encrypt_cbc(b"data", key, iv)
    with pytest.raises(CryptographicError, match="Padding is invalid"):
        decrypt_cbc(cipher, bytes([1]) * 16, iv)


# -- System.Security.SecureString built by a script -----------------------------------------------


def test_a_script_builds_a_secure_string_as_the_pester_setup_does() -> None:
    # SecureString.Tests.ps1:8-12 (BeforeAll) with :36-43's key round trip
    session = Session()
    out = session.run(
        "$string = 'ABCD'; $secureString = [System.Security.SecureString]::New(); "
        "$string.ToCharArray() | ForEach-Object { $securestring.AppendChar($_) }; $secureString.Length; "
        "$key = [byte[]](1..32); $e = ConvertFrom-SecureString -SecureString $secureString -Key $key; "
        "$e | ConvertTo-SecureString -Key $key | ConvertFrom-SecureString -AsPlainText"
    )
    assert out == [4, "ABCD"]


def test_secure_string_methods_and_their_errors() -> None:
    session = Session()
    out = session.run(
        "$s = [securestring]::new(); $s.AppendChar('b'); $s.InsertAt(0, 'a'); $s.AppendChar(99); $s.SetAt(2, 'C'); "
        "$s | ConvertFrom-SecureString -AsPlainText; $s.RemoveAt(0); $s | ConvertFrom-SecureString -AsPlainText; "
        "$c = $s.Copy(); $s.MakeReadOnly(); $s.IsReadOnly(); $c.IsReadOnly(); "
        "try { $s.AppendChar('x') } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }; "
        "try { $c.RemoveAt(5) } catch { $_.FullyQualifiedErrorId }; $c.Clear(); $c.Length"
    )
    assert out == [
        "abC",
        "bC",
        True,
        False,
        "InvalidOperationException",
        'Exception calling "AppendChar" with "1" argument(s): "Instance is read-only."',
        "ArgumentOutOfRangeException",
        0,
    ]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=()), max_size=40))
def test_a_secure_string_gives_back_exactly_its_text(text: str) -> None:
    """Any text (NULs at either end, lone surrogates, astral characters) is masked and revealed
    unchanged, and the mask is not the text."""
    secret = SecureString(text)
    assert secret.reveal() == text
    assert secret.Length == len(text)
    data = text.encode("utf-8", "surrogatepass")
    if len(data) >= 16:  # a random pad of 16 bytes or more is never all zeros
        assert data not in secret._masked
