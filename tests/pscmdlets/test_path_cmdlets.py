"""Join-Path, Split-Path, Test-Path, Resolve-Path, Convert-Path and the location cmdlets, from
PowerShell's Pester tests (test/powershell/Modules/Microsoft.PowerShell.Management/*.Tests.ps1)."""

from __future__ import annotations

import datetime as dt
import os

import pytest

import psbridge
from psbridge.objects import PSObject
from tests.pscmdlets.helpers import Session


@pytest.fixture
def ps(tmp_path) -> Session:
    session = Session()
    session("Set-Location", str(tmp_path))
    return session


def error_id(call) -> str:
    with pytest.raises(psbridge.PSError) as caught:
        call()
    return caught.value.error_record.fully_qualified_error_id


# -- Join-Path.Tests.ps1 --------------------------------------------------------------------------


def test_join_path_multiple_paths_with_resolve(ps: Session, tmp_path) -> None:
    # Join-Path.Tests.ps1:11-14
    # (TestDrive: and $TestDrive become the same directory spelled twice)
    (tmp_path / "SubDir1").mkdir()
    assert (
        ps("Join-Path", Path=[str(tmp_path), str(tmp_path)], ChildPath="SubDir1", Resolve=True)
        == [str(tmp_path / "SubDir1")] * 2
    )


def test_join_path_resolve_errors(ps: Session) -> None:
    # Join-Path.Tests.ps1:15-22
    assert error_id(lambda: ps("Join-Path", "bogusdrive:\\somedir", "otherdir", Resolve=True, ErrorAction="Stop")) == (
        "DriveNotFound,Microsoft.PowerShell.Commands.JoinPathCommand"
    )
    assert error_id(lambda: ps("Join-Path", "Bogus", "Path", Resolve=True, ErrorAction="Stop")) == (
        "PathNotFound,Microsoft.PowerShell.Commands.JoinPathCommand"
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("FileSystem::windir", "system32"), ["FileSystem::windir/system32"]),  # Join-Path.Tests.ps1:24-29
        (("Variable:", "foo"), ["Variable:/foo"]),  # :31-35
        (("Alias:", "foo"), ["Alias:/foo"]),  # :37-41
        (("Env:", "foo"), ["Env:/foo"]),  # :43-47
        (("one", "two", "three", "four", "five"), ["one/two/three/four/five"]),  # :48-52
    ],
)
def test_join_path_text(ps: Session, args, expected) -> None:
    assert ps("Join-Path", *args) == expected


@pytest.mark.parametrize(
    ("path", "child", "expected"),
    [
        ("one", ["two", "three"], ["one/two/three"]),  # Join-Path.Tests.ps1:54-58
        (["one", "two"], ["three", "four"], ["one/three/four", "two/three/four"]),  # :59-66
        ("one", [], ["one/"]),  # :67-71
        ("one", None, ["one/"]),  # :72-76
        ("one", "", ["one/"]),  # :77-81
    ],
)
def test_join_path_child_paths(ps: Session, path, child, expected) -> None:
    assert ps("Join-Path", Path=path, ChildPath=child) == expected


def test_join_path_from_the_pipeline_by_property_name(ps: Session) -> None:
    # Join-Path.Tests.ps1:180-184 (without -Extension, which the 7.6 docs do not have)
    assert ps("Join-Path", input=[PSObject({"Path": "folder", "ChildPath": "file.txt"})]) == ["folder/file.txt"]


# -- Split-Path.Tests.ps1 -------------------------------------------------------------------------


def test_split_path_returns_strings(ps: Session) -> None:
    # Split-Path.Tests.ps1:5-20
    assert all(isinstance(v, str) for v in ps("Split-Path", ".") + ps("Split-Path", ".", Leaf=True))
    assert all(isinstance(v, str) for v in ps("Split-Path", ".", Resolve=True))


def test_split_path_qualifier(ps: Session) -> None:
    # Split-Path.Tests.ps1:22-34
    assert ps("Split-Path", "env:", Qualifier=True) == ["env:"]
    assert ps("Split-Path", "env:PATH", Qualifier=True) == ["env:"]
    for path in ("/Users", "abcdef"):
        assert error_id(lambda p=path: ps("Split-Path", p, Qualifier=True, ErrorAction="Stop")).startswith(
            "ParsePathFormatError,"
        )
    with pytest.raises(psbridge.ParameterBindingError) as caught:
        psbridge.bind_text("Split-Path env: $NULL")
    assert (
        caught.value.fully_qualified_error_id
        == "PositionalParameterNotFound,Microsoft.PowerShell.Commands.SplitPathCommand"
    )


@pytest.mark.parametrize(
    ("path", "leaf"),
    [
        ("/usr/bin", "bin"),
        ("fs:/usr/local/bin", "bin"),
        ("usr/bin", "bin"),
        ("./bin", "bin"),
        ("bin", "bin"),
        ("C:\\Temp\\Folder1", "Folder1"),
        ("C:\\Temp", "Temp"),
        ("\\\\server1\\share1\\folder", "folder"),
        ("\\\\server1\\share1", "share1"),
    ],
)
def test_split_path_leaf(ps: Session, path, leaf) -> None:
    # Split-Path.Tests.ps1:40-50
    assert ps("Split-Path", path, Leaf=True) == [leaf]


def test_split_path_no_qualifier_and_resolved_wildcards(ps: Session, tmp_path) -> None:
    # Split-Path.Tests.ps1:36-38, 52-69
    assert ps("Split-Path", "env:PATH", NoQualifier=True) == ["PATH"]
    for name in ("testfile1.ps1", "testfile2.ps1"):
        (tmp_path / name).write_text("")
    assert ps("Split-Path", str(tmp_path / "testfile*.ps1"), Leaf=True, Resolve=True) == [
        "testfile1.ps1",
        "testfile2.ps1",
    ]


@pytest.mark.parametrize(
    ("path", "absolute"),
    [
        ("fs:/usr/bin", True),
        ("..", False),
        ("/usr/..", True),
        ("fs:/usr/../", True),
        ("../", False),
        (".", False),
        ("~/", False),
        ("~/..", False),
        ("~/../..", False),
    ],
)
def test_split_path_is_absolute(ps: Session, path, absolute) -> None:
    # Split-Path.Tests.ps1:71-81
    assert ps("Split-Path", path, IsAbsolute=True) == [absolute]


@pytest.mark.parametrize(
    ("path", "parent"),
    [
        ("fs:/usr/bin", "fs:/usr"),
        ("/usr/bin", "/usr"),
        ("/usr/local/bin", "/usr/local"),
        ("usr/local/bin", "usr/local"),
        ("C:\\Temp\\Folder1", "C:/Temp"),
        ("C:\\Temp", "C:/"),
        ("\\\\server1\\share1\\folder", "//server1/share1"),
        ("\\\\server1\\share1", "//server1"),
        ("C:\\", ""),  # :99-101 does not split a drive letter
    ],
)
def test_split_path_parent(ps: Session, path, parent) -> None:
    # Split-Path.Tests.ps1:87-97
    assert ps("Split-Path", path, Parent=True) == [parent]


def test_split_path_pipeline_and_false_switches(ps: Session) -> None:
    # Split-Path.Tests.ps1:83-85, 103-121
    assert ps("Split-Path", input=["usr/bin"]) == ["usr"]
    assert ps("Split-Path", Path="env:PATH", Qualifier=False) == [""]
    assert ps("Split-Path", Path="env:PATH", NoQualifier=False) == [""]
    assert ps("Split-Path", Path="/usr/bin", Leaf=False) == ["/usr"]


def test_split_path_leaf_base_and_extension(ps: Session) -> None:
    # Split-Path.md examples: -LeafBase and -Extension of a file name
    assert ps("Split-Path", "/a/b/file.tar.gz", LeafBase=True) == ["file.tar"]
    assert ps("Split-Path", "/a/b/file.tar.gz", Extension=True) == [".gz"]
    assert ps("Split-Path", "/a/b/noext", Extension=True) == [""]


# -- Test-Path.Tests.ps1 --------------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "usr").mkdir()
    (tmp_path / "testfile.txt").write_text("x")
    return tmp_path


def test_test_path_existing_and_piped(ps: Session, tree) -> None:
    # Test-Path.Tests.ps1:35-58
    assert ps("Test-Path", str(tree)) == [True]
    assert ps("Test-Path", LiteralPath=str(tree)) == [True]
    assert ps("Test-Path", input=[str(tree), str(tree / "nope")]) == [True, False]
    assert ps("Test-Path", Path=str(tree / "nope" / "deeper")) == [False]


def test_test_path_empty_whitespace_and_null(ps: Session) -> None:
    # Test-Path.Tests.ps1:60-78
    assert ps("Test-Path", Path="") == [False]
    assert ps("Test-Path", Path="  ") == [False]
    assert ps("Test-Path", Path=None, ErrorAction="SilentlyContinue") == []
    assert error_id(lambda: ps("Test-Path", Path=None, ErrorAction="Stop")) == (
        "NullPathNotPermitted,Microsoft.PowerShell.Commands.TestPathCommand"
    )
    # :74-78 (Test-Path -Path $null, $null) is not restated: the binder makes the array's nulls ''.


def test_test_path_wildcards_and_path_types(ps: Session, tree) -> None:
    # Test-Path.Tests.ps1:85-107, 189-197
    assert ps("Test-Path", str(tree / "u*")) == [True]
    assert ps("Test-Path", str(tree / "u[a-z]*")) == [True]
    assert ps("Test-Path", str(tree / "aoeu*")) == [False]
    assert ps("Test-Path", str(tree / "u[A-Z]")) == [False]
    assert ps("Test-Path", str(tree), PathType="Leaf") == [False]
    assert ps("Test-Path", str(tree / "testfile.txt"), PathType="Leaf") == [True]
    assert ps("Test-Path", "aoeu", PathType="Leaf") == [False]
    assert ps("Test-Path", str(tree / "testfile.txt"), Type="Leaf") == [True]
    assert ps("Test-Path", LiteralPath=str(tree / "u*")) == [False]
    assert ps("Test-Path", PSPath=str(tree / "u[a-z]r")) == [False]


def test_test_path_include_exclude(ps: Session, tree) -> None:
    # Test-Path.Tests.ps1:109-120 (the originals test a script block's truthiness; these test the answer)
    assert ps("Test-Path", str(tree / "*"), Include="t*") == [True]
    assert ps("Test-Path", str(tree / "*"), Include="q*") == [False]
    assert ps("Test-Path", str(tree / "testfile.txt"), Exclude=["d*", "g*"]) == [True]
    assert ps("Test-Path", str(tree / "testfile.txt"), Exclude="t*") == [False]


@pytest.mark.parametrize(
    ("path", "valid"),
    [
        ("/usr/bin", True),  # Test-Path.Tests.ps1:152-163
        ("/usr/bin/", True),
        ("filesystem::/usr/bin", True),
        ("filesystem::/usr/bin/", True),
        ("variable::psversiontable", True),
        ("/usr/bi*n/test", True),
        ("/usr/bin/tes*t", True),
        ("/usr/bi\0n/test", False),  # :165-171
        ("/usr/bin/t\0est", False),
        (" :;!@#$%^&*(){}?+|_-", False),  # :126-129
        ("/totally a valid/path", True),  # :173-175
        ("/a path / with/funkyspaces", True),  # :181-183
    ],
)
def test_test_path_is_valid(ps: Session, path, valid) -> None:
    assert ps("Test-Path", Path=path, IsValid=True) == [valid]


def test_test_path_unquoted_spaces_are_a_binding_error() -> None:
    # Test-Path.Tests.ps1:177-179
    with pytest.raises(psbridge.ParameterBindingError) as caught:
        psbridge.bind_text("Test-Path -Path /a path/without quotes/around/it -IsValid")
    assert (
        caught.value.fully_qualified_error_id
        == "PositionalParameterNotFound,Microsoft.PowerShell.Commands.TestPathCommand"
    )


def test_test_path_newer_and_older_than(ps: Session, tmp_path) -> None:
    # Test-Path.Tests.ps1:204-256
    today = dt.datetime.now()
    one_day_old, two_days_old = today - dt.timedelta(days=1), today - dt.timedelta(days=2)
    old_file, old_dir = tmp_path / "oldfile", tmp_path / "olddir"
    old_file.write_text("")
    old_dir.mkdir()
    stamp = (today - dt.timedelta(hours=36)).timestamp()
    for item in (old_file, old_dir):
        os.utime(item, (stamp, stamp))
    new_file = tmp_path / "newfile"
    new_file.write_text("")
    for kind in ("Leaf", "Any"):
        assert ps("Test-Path", str(new_file), PathType=kind, NewerThan=one_day_old) == [True]
        assert ps("Test-Path", str(old_file), PathType=kind, NewerThan=today) == [False]
        assert ps("Test-Path", str(old_file), PathType=kind, OlderThan=today) == [True]
        assert ps("Test-Path", str(new_file), PathType=kind, OlderThan=one_day_old) == [False]
        assert ps("Test-Path", str(old_file), PathType=kind, NewerThan=two_days_old, OlderThan=today) == [True]
        assert ps("Test-Path", str(new_file), PathType=kind, NewerThan=two_days_old, OlderThan=one_day_old) == [False]
    assert ps("Test-Path", str(old_dir), PathType="Container", OlderThan=today) == [True]


# -- Resolve-Path.Tests.ps1 / Convert-Path.Tests.ps1 ----------------------------------------------


def test_resolve_path(ps: Session, tmp_path) -> None:
    # Resolve-Path.Tests.ps1:42-51
    assert [str(p) for p in ps("Resolve-Path", str(tmp_path))] == [str(tmp_path)]
    assert ps("Resolve-Path", f"Filesystem::{tmp_path}")[0].ProviderPath == str(tmp_path)
    assert error_id(lambda: ps("Resolve-Path", str(tmp_path / "this.directory.is.invalid"), ErrorAction="Stop")) == (
        "PathNotFound,Microsoft.PowerShell.Commands.ResolvePathCommand"
    )


def test_resolve_path_relative(ps: Session, tmp_path) -> None:
    # Resolve-Path.Tests.ps1:60-69 (the drive-rooted case has no drive here: a parent is ../)
    (tmp_path / "fakeroot").mkdir()
    (tmp_path / "fakeroot" / "file.txt").write_text("")
    assert ps("Resolve-Path", str(tmp_path / "fakeroot" / "file.txt"), Relative=True) == ["./fakeroot/file.txt"]
    ps("Set-Location", "fakeroot")
    assert ps("Resolve-Path", str(tmp_path / "x*"), Relative=True) == []
    assert ps("Resolve-Path", "..", Relative=True) == [".."]


def test_resolve_path_relative_base_path(ps: Session, tmp_path) -> None:
    # Resolve-Path.Tests.ps1:70-135
    root = tmp_path / "fakeroot"
    root.mkdir()
    for path in (str(root), "./fakeroot"):
        assert ps("Resolve-Path", path, RelativeBasePath=str(tmp_path))[0].ProviderPath == str(root)
        assert ps("Resolve-Path", path, RelativeBasePath=str(tmp_path), Relative=True) == ["./fakeroot"]
    missing = str(tmp_path / "ThisPathDoesNotExist")
    for base in (str(root), missing):
        for relative in (False, True):
            assert (
                error_id(
                    lambda b=base, r=relative: ps(
                        "Resolve-Path", missing, RelativeBasePath=b, Relative=r, ErrorAction="Stop"
                    )
                )
                == "PathNotFound,Microsoft.PowerShell.Commands.ResolvePathCommand"
            )


@pytest.mark.parametrize("command", ["Resolve-Path", "Convert-Path"])
def test_hidden_files_need_force_for_wildcards(ps: Session, tmp_path, command) -> None:
    # Resolve-Path.Tests.ps1:137-177, Convert-Path.Tests.ps1:66-112
    hidden = [str(tmp_path / ".test1.txt"), str(tmp_path / ".test2.txt")]
    for path in hidden:
        open(path, "w").close()

    def paths(*args, **params):
        return [str(p) for p in ps(command, *args, **params)]

    assert paths("./.test1.txt") == hidden[:1]
    assert paths("./.test2.txt", Force=True) == hidden[1:]
    assert paths("./.test*.txt") == []
    assert paths("./.test*.txt", Force=True) == hidden


def test_convert_path(ps: Session, tmp_path) -> None:
    # Convert-Path.Tests.ps1:25-64
    assert ps("Convert-Path", Path=f"FileSystem::{tmp_path}") == [str(tmp_path)]
    assert ps("Convert-Path", Path=str(tmp_path)) == [str(tmp_path)]
    assert ps("Convert-Path", input=[str(tmp_path)]) == [str(tmp_path)]
    with pytest.raises(psbridge.ParameterBindingError) as caught:
        ps("Convert-Path", Path="")
    assert caught.value.fully_qualified_error_id == (
        "ParameterArgumentValidationErrorEmptyStringNotAllowed,Microsoft.PowerShell.Commands.ConvertPathCommand"
    )
    (tmp_path / "dir1").mkdir()
    (tmp_path / "dir2").mkdir()
    assert ps("Convert-Path", Path=f"{tmp_path}/dir?") == [str(tmp_path / "dir1"), str(tmp_path / "dir2")]


def test_convert_path_by_property_name_from_get_item(ps: Session, tmp_path) -> None:
    # Convert-Path.Tests.ps1:37-39
    assert ps.pipeline(("Get-Item", str(tmp_path)), ("Convert-Path",)) == [str(tmp_path)]


# -- Get-Location / Set-Location / Push-Location / Pop-Location -----------------------------------


def test_get_location_is_the_current_directory_and_pwd_its_alias() -> None:
    # Get-Location.Tests.ps1:13-16 (a new session starts in the process's working directory)
    # and :18-20 (pwd does exactly what Get-Location does)
    current = os.getcwd()
    assert psbridge.run("(Get-Location).Path") == [current]
    assert psbridge.run("(pwd).Path -ceq (Get-Location).Path") == [True]
    assert psbridge.run("Push-Location /; (pwd).Path; Pop-Location; (pwd).Path") == ["/", current]


def test_set_location_is_the_sessions_not_the_process(ps: Session, tmp_path) -> None:
    # Set-Location.Tests.ps1:22-44; the process's working directory never changes
    cwd = os.getcwd()
    (passthru,) = ps("Set-Location", "/", PassThru=True)
    assert "System.Management.Automation.PathInfo" in passthru.pstypenames
    assert ps("Get-Location")[0].Path == "/" and os.getcwd() == cwd
    found, pwd = ps.runspace.get_variable("PWD")
    assert found and pwd.Path == "/"


def test_set_location_case_sensitive_and_missing(ps: Session, tmp_path) -> None:
    # Set-Location.Tests.ps1:79-88
    (tmp_path / "test").mkdir()
    (tmp_path / "TEST").mkdir()
    ps("Set-Location", str(tmp_path / "test"))
    assert ps("Get-Location")[0].Path == str(tmp_path / "test")
    ps("Set-Location", str(tmp_path / "TEST"))
    assert ps("Get-Location")[0].Path == str(tmp_path / "TEST")
    assert error_id(lambda: ps("Set-Location", str(tmp_path / "teST"), ErrorAction="Stop")) == (
        "PathNotFound,Microsoft.PowerShell.Commands.SetLocationCommand"
    )
    (tmp_path / "file").write_text("")
    assert error_id(lambda: ps("Set-Location", str(tmp_path / "file"), ErrorAction="Stop")) == (
        "PathNotFound,Microsoft.PowerShell.Commands.SetLocationCommand"
    )


def test_set_location_without_arguments_goes_home(ps: Session) -> None:
    # Set-Location.Tests.ps1:90-103
    ps("Set-Location")
    assert ps("Get-Location")[0].Path == os.path.expanduser("~")


def test_set_location_history(ps: Session, tmp_path) -> None:
    # Set-Location.Tests.ps1:131-183
    initial = str(tmp_path)
    ps("Set-Location", "/tmp")
    ps("Set-Location", "-")
    assert ps("Get-Location")[0].Path == initial
    ps("Set-Location", "+")
    assert ps("Get-Location")[0].Path == "/tmp"
    ps("Set-Location", "-")
    for _ in range(20):
        ps("Set-Location", "/tmp")
    for _ in range(20):
        ps("Set-Location", "-")
    assert ps("Get-Location")[0].Path == initial
    assert error_id(lambda: ps("Set-Location", "-")) == (
        "System.InvalidOperationException,Microsoft.PowerShell.Commands.SetLocationCommand"
    )
    for _ in range(20):
        ps("Set-Location", "+")
    assert error_id(lambda: ps("Set-Location", "+")) == (
        "System.InvalidOperationException,Microsoft.PowerShell.Commands.SetLocationCommand"
    )


@pytest.mark.parametrize("name", ["-", "+"])
def test_set_location_literal_minus_and_plus(ps: Session, tmp_path, name) -> None:
    # Set-Location.Tests.ps1:185-196
    (tmp_path / name).mkdir()
    ps("Set-Location", LiteralPath=name)
    assert ps("Get-Location")[0].Path == str(tmp_path / name)


def test_push_and_pop_location(ps: Session, tmp_path) -> None:
    # Push-Location.Tests.ps1:8-53, Pop-Location.Tests.ps1:8-27
    start = str(tmp_path)
    ps("Pop-Location")  # an empty stack pops nothing
    (result,) = ps("Push-Location", "..", PassThru=True)
    assert "System.Management.Automation.PathInfo" in result.pstypenames
    ps("Push-Location", input=[".."])
    ps("Push-Location", "..")
    ps("Pop-Location")
    ps("Pop-Location")
    ps("Pop-Location")
    assert ps("Get-Location")[0].Path == start
    with pytest.raises(psbridge.ParameterBindingError):
        ps("Pop-Location", "..")


def test_relative_paths_follow_the_session_location(ps: Session, tmp_path) -> None:
    # Every cmdlet resolves relative paths against Set-Location's location, not the process's cwd.
    (tmp_path / "sub").mkdir()
    ps("Set-Location", "sub")
    ps("Set-Content", "x.txt", Value="here")
    assert (tmp_path / "sub" / "x.txt").read_text() == "here\n"
    assert ps("Test-Path", "x.txt") == [True]
    assert ps("Get-Content", "x.txt") == ["here"]


def test_get_location_provider_drive_and_stack(ps: Session, tmp_path) -> None:
    # Get-Location.md: -PSProvider/-PSDrive name the FileSystem's; -Stack lists the pushed locations, newest first
    assert ps("Get-Location", PSProvider="FileSystem")[0].Path == str(tmp_path)
    assert ps("Get-Location", PSDrive="/")[0].Path == str(tmp_path)
    failure = error_id(lambda: ps("Get-Location", PSProvider="Registry", ErrorAction="Stop"))
    assert failure == "ProviderNotFound,Microsoft.PowerShell.Commands.GetLocationCommand"
    ps("Push-Location", "/")
    ps("Push-Location", "/tmp")
    (stack,) = ps("Get-Location", Stack=True)
    assert [p.Path for p in stack] == ["/", str(tmp_path)]
