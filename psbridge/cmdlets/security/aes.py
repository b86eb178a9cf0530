"""AES in CBC mode with PKCS#7 padding: what ``Aes.Create()`` does by default in .NET.

ConvertFrom-SecureString -Key and ConvertTo-SecureString -Key encrypt a few dozen bytes, so a
small table-driven implementation in Python is enough, and psbridge needs no cryptography
package for it.  Keys are 16, 24 or 32 bytes (AES-128/192/256); the IV is one 16-byte block.
Failures raise :class:`CryptographicError` with .NET's messages.
"""

from __future__ import annotations

__all__ = ["BLOCK_SIZE", "CryptographicError", "decrypt_cbc", "encrypt_cbc"]

BLOCK_SIZE = 16


class CryptographicError(ValueError):
    """.NET's CryptographicException (a bad padding, an incomplete block)."""


def _xtime(value: int) -> int:
    value <<= 1
    return value ^ 0x11B if value & 0x100 else value


def _multiply(a: int, b: int) -> int:
    result = 0
    while b:
        if b & 1:
            result ^= a
        a = _xtime(a)
        b >>= 1
    return result


def _sbox() -> tuple[list[int], list[int]]:
    """The S-box from the multiplicative inverse in GF(2^8) and the affine map (FIPS-197 5.1.1)."""
    # 3 generates GF(2^8)'s multiplicative group: the inverse of 3^i is 3^(255 - i).
    powers = [1] * 255
    for i in range(1, 255):
        powers[i] = _multiply(powers[i - 1], 3)
    inverse = [0] * 256
    for i, power in enumerate(powers):
        inverse[power] = powers[(255 - i) % 255]
    forward = [0] * 256
    for a in range(256):
        x = inverse[a]
        s = x
        for shift in range(1, 5):
            s ^= ((x << shift) | (x >> (8 - shift))) & 0xFF
        forward[a] = s ^ 0x63
    backward = [0] * 256
    for a, s in enumerate(forward):
        backward[s] = a
    return forward, backward


_SBOX, _INV_SBOX = _sbox()
_MUL = {factor: [_multiply(a, factor) for a in range(256)] for factor in (2, 3, 9, 11, 13, 14)}


def _expand_key(key: bytes) -> list[list[int]]:
    """The round keys (FIPS-197 5.2), one 16-byte list per round."""
    nk = len(key) // 4
    rounds = nk + 6
    words = [list(key[4 * i : 4 * i + 4]) for i in range(nk)]
    rcon = 1
    for i in range(nk, 4 * (rounds + 1)):
        word = list(words[i - 1])
        if i % nk == 0:
            word = [_SBOX[b] for b in word[1:] + word[:1]]
            word[0] ^= rcon
            rcon = _xtime(rcon)
        elif nk > 6 and i % nk == 4:
            word = [_SBOX[b] for b in word]
        words.append([a ^ b for a, b in zip(words[i - nk], word, strict=True)])
    return [[byte for word in words[4 * r : 4 * r + 4] for byte in word] for r in range(rounds + 1)]


def _encrypt_block(state: list[int], keys: list[list[int]]) -> list[int]:
    state = [a ^ b for a, b in zip(state, keys[0], strict=True)]
    m2, m3 = _MUL[2], _MUL[3]
    for round_index in range(1, len(keys)):
        s = [_SBOX[b] for b in state]
        # ShiftRows: row r of column c comes from column c + r (the state is column-major).
        s = [s[(4 * (c + r)) % 16 + r] for c in range(4) for r in range(4)]
        if round_index != len(keys) - 1:
            mixed = []
            for c in range(4):
                a0, a1, a2, a3 = s[4 * c : 4 * c + 4]
                mixed += [
                    m2[a0] ^ m3[a1] ^ a2 ^ a3,
                    a0 ^ m2[a1] ^ m3[a2] ^ a3,
                    a0 ^ a1 ^ m2[a2] ^ m3[a3],
                    m3[a0] ^ a1 ^ a2 ^ m2[a3],
                ]
            s = mixed
        state = [a ^ b for a, b in zip(s, keys[round_index], strict=True)]
    return state


def _decrypt_block(state: list[int], keys: list[list[int]]) -> list[int]:
    m9, m11, m13, m14 = _MUL[9], _MUL[11], _MUL[13], _MUL[14]
    last = len(keys) - 1
    state = [a ^ b for a, b in zip(state, keys[last], strict=True)]
    for round_index in range(last - 1, -1, -1):
        s = [state[(4 * (c - r)) % 16 + r] for c in range(4) for r in range(4)]  # InvShiftRows
        s = [_INV_SBOX[b] for b in s]
        s = [a ^ b for a, b in zip(s, keys[round_index], strict=True)]
        if round_index != 0:
            mixed = []
            for c in range(4):
                a0, a1, a2, a3 = s[4 * c : 4 * c + 4]
                mixed += [
                    m14[a0] ^ m11[a1] ^ m13[a2] ^ m9[a3],
                    m9[a0] ^ m14[a1] ^ m11[a2] ^ m13[a3],
                    m13[a0] ^ m9[a1] ^ m14[a2] ^ m11[a3],
                    m11[a0] ^ m13[a1] ^ m9[a2] ^ m14[a3],
                ]
            s = mixed
        state = s
    return state


def _check(key: bytes, iv: bytes) -> None:
    if len(key) not in (16, 24, 32):
        raise CryptographicError("Specified key is not a valid size for this algorithm.")
    if len(iv) != BLOCK_SIZE:
        raise CryptographicError(
            "Specified initialization vector (IV) does not match the block size for this algorithm."
        )


def encrypt_cbc(data: bytes, key: bytes, iv: bytes) -> bytes:
    """``data`` PKCS#7-padded and encrypted block by block, each block chained to the one before."""
    _check(key, iv)
    keys = _expand_key(key)
    pad = BLOCK_SIZE - len(data) % BLOCK_SIZE
    padded = data + bytes([pad]) * pad
    previous = list(iv)
    out = bytearray()
    for start in range(0, len(padded), BLOCK_SIZE):
        block = [a ^ b for a, b in zip(padded[start : start + BLOCK_SIZE], previous, strict=True)]
        previous = _encrypt_block(block, keys)
        out += bytes(previous)
    return bytes(out)


def decrypt_cbc(data: bytes, key: bytes, iv: bytes) -> bytes:
    """The plain bytes of ``data``; a length that is not whole blocks, or padding that does not
    check, is .NET's CryptographicException (a wrong key shows as bad padding)."""
    _check(key, iv)
    if not data or len(data) % BLOCK_SIZE:
        raise CryptographicError("The input data is not a complete block.")
    keys = _expand_key(key)
    previous = list(iv)
    out = bytearray()
    for start in range(0, len(data), BLOCK_SIZE):
        block = list(data[start : start + BLOCK_SIZE])
        plain = _decrypt_block(block, keys)
        out += bytes(a ^ b for a, b in zip(plain, previous, strict=True))
        previous = block
    pad = out[-1]
    if not 1 <= pad <= BLOCK_SIZE or out[-pad:] != bytes([pad]) * pad:
        raise CryptographicError("Padding is invalid and cannot be removed.")
    return bytes(out[:-pad])
