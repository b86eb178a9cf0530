"""Peak memory of uploading and downloading a 50 MB file, against the emulator in another process.

Each measurement runs in a fresh Python process: it imports psbridge, makes a
small warm-up request (so every module and the connection exist), notes its
peak RSS, does the 50 MB transfer and notes the peak again.  The growth, as a
multiple of the file size, is printed next to a baseline measured the same way
in the same run: the same upload with the whole file read into memory first
(``-Content`` with its bytes), which cannot cost less than 1x.

Goal: ``Add-OpenAIFile -File`` grows the peak by under 1.5x the file size (it
streams from disk, so it should be near 0x); ``Get-OpenAIFileContent -OutFile``
likewise streams to disk.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

KEY = "sk-bench-0123456789abcdef"
SIZE = 50 * 1024 * 1024

CLIENT = textwrap.dedent(
    """
    import os, resource, sys
    import psbridge
    mode, path, out = sys.argv[1], sys.argv[2], sys.argv[3]
    warm = psbridge.invoke("Add-OpenAIFile", Content=b"warm-up", Name="w.txt", Purpose="assistants")[0]
    psbridge.invoke("Get-OpenAIFileContent", warm.id, OutFile=out)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if mode == "stream":
        psbridge.invoke("Add-OpenAIFile", path, Purpose="assistants")
    elif mode == "memory":
        data = open(path, "rb").read()
        psbridge.invoke("Add-OpenAIFile", Content=data, Name="big.bin", Purpose="assistants")
    else:
        big = psbridge.invoke("Add-OpenAIFile", path, Purpose="assistants")[0]
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        psbridge.invoke("Get-OpenAIFileContent", big.id, OutFile=out)
        assert os.path.getsize(out) == os.path.getsize(path)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print((after - before) * 1024)
    """
)


def start_emulator() -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "psbridge.emulator", "--port", "0", "--api-key-env", "PSBRIDGE_BENCH_KEY"],
        env={**os.environ, "PSBRIDGE_BENCH_KEY": KEY},  # the emulator takes its key from the environment only
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if "listening on" not in line:
        process.kill()
        raise RuntimeError(f"the emulator did not start: {line!r}")
    return process, line.rsplit(" ", 1)[-1].strip()


def growth(mode: str, path: Path, out: Path, base_url: str) -> int:
    env = {**os.environ, "OPENAI_API_KEY": KEY, "OPENAI_API_BASE": base_url}
    result = subprocess.run(
        [sys.executable, "-c", CLIENT, mode, str(path), str(out)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return int(result.stdout.strip().splitlines()[-1])


def main() -> int:
    emulator, base_url = start_emulator()
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "big.bin"
            with path.open("wb") as handle:
                for _ in range(SIZE // (1024 * 1024)):
                    handle.write(os.urandom(1024 * 1024))
            out = Path(folder) / "copy.bin"
            baseline = growth("memory", path, out, base_url) / SIZE
            upload = growth("stream", path, out, base_url) / SIZE
            download = growth("download", path, out, base_url) / SIZE
    finally:
        emulator.terminate()
        emulator.wait(timeout=10)
    print(f"upload of {SIZE // 2**20} MB, peak RSS growth as a multiple of the file size:")
    print(f"  Add-OpenAIFile -File (streamed)      {upload:5.2f}x   (goal < 1.5x)")
    print(f"  Add-OpenAIFile -Content (baseline)   {baseline:5.2f}x   (the bytes held in memory)")
    print(f"  Get-OpenAIFileContent -OutFile       {download:5.2f}x   (goal < 1.5x)")
    return 0 if upload < 1.5 and download < 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
