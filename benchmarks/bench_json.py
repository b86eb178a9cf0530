"""ConvertTo-Json of a 10 MB object graph against ``json.dumps`` of the same data.

The graph is what scripts serialize: PSCustomObjects (PSObject) with strings, numbers,
booleans, nulls, nested arrays and hashtables, about 10 MB of JSON.  ConvertTo-Json runs as a
cmdlet (binding included) with -Depth 10; the baseline is ``json.dumps(..., indent=2)`` of the
equivalent plain dicts.  Goal: at most 10x.
"""

from __future__ import annotations

import json
import sys

from _timing import compare

import psbridge
from psbridge.objects import Hashtable, PSObject

GOAL = 10.0


def graph(count: int) -> tuple[list[PSObject], list[dict]]:
    objects, plain = [], []
    for index in range(count):
        tags = [f"tag{index % 7}", f"t{index % 3}"]
        meta = {"score": index * 0.25, "enabled": index % 2 == 0, "note": None}
        record = {
            "id": f"item_{index:08d}",
            "name": f"Item number {index} with a \"quoted\" word",
            "count": index,
            "tags": tags,
            "meta": meta,
        }
        plain.append(record)
        objects.append(PSObject({**record, "tags": list(tags), "meta": Hashtable(meta)}))
    return objects, plain


def main() -> int:
    objects, plain = graph(42_000)
    size = len(json.dumps(plain, indent=2))

    def ours() -> object:
        return psbridge.invoke("ConvertTo-Json", InputObject=objects, Depth=10)

    def baseline() -> object:
        return json.dumps(plain, indent=2)

    assert json.loads(ours()[0]) == plain
    mine, base, ratio = compare(ours, baseline, calls=1, repeats=5, warmup=1)
    print(f"JSON text                 : {size / 1e6:5.1f} MB")
    print(f"json.dumps(indent=2)      : {base * 1e3:8.1f} ms")
    print(f"ConvertTo-Json -Depth 10  : {mine * 1e3:8.1f} ms")
    print(f"ratio                     : {ratio:5.2f}x (goal <= {GOAL:g}x)")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
