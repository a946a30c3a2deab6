#!/usr/bin/env python3
"""Interop fixtures for jgrad.io.SafeTensors, made and checked with PyTorch.

The `safetensors` Python package is not available on the build machines (it is not in
Debian and PyPI is unreachable), so this script carries a small reference writer and a
strict reader of the published format, built on torch + struct + json only:

    8-byte little-endian unsigned header length N, N bytes of UTF-8 JSON
    {"__metadata__": {...}, "name": {"dtype": ..., "shape": [...], "data_offsets": [b, e]}}
    padded with spaces to a multiple of 8, then the raw little-endian data.

The writer does what the reference implementation does: tensors sorted by descending dtype
(the reference's dtype order) then by name, compact JSON with "__metadata__" first, no
ASCII-escaping of non-ASCII characters, header padded with b" " to 8-byte alignment.

Usage (Debian's python3 has torch: run it as /usr/bin/python3):

    make_safetensors.py generate [DIR]   write torch_*.safetensors and *.golden.txt to DIR
                                         (default: this script's directory)
    make_safetensors.py verify FILE      read a jgrad-written file (jgrad_written.safetensors),
                                         check every value bit for bit, load it into
                                         torch.nn.Linear, and re-serialize it to check that
                                         this writer reproduces jgrad's bytes exactly
    make_safetensors.py dump FILE        print any safetensors file's contents

Golden files: one tab-separated line per tensor, in file order:
    name <TAB> dtype <TAB> shape (comma-separated, empty for 0-D) <TAB> values
values are space-separated, row-major; floats as Python repr of the float64 value (exact,
'nan'/'inf'/'-inf' included), integers and bools as decimal integers. Lines starting with
'@metadata' give a metadata key and value; '@forward_input' / '@forward_output' give the
shape and values of an input and of the model's output on it; '#' starts a comment.
"""
import json
import math
import os
import struct
import sys

import torch

MAX_HEADER_SIZE = 100_000_000

TO_NAME = {
    torch.float64: "F64", torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16",
    torch.int64: "I64", torch.int32: "I32", torch.int16: "I16", torch.int8: "I8",
    torch.uint8: "U8", torch.bool: "BOOL",
}
FROM_NAME = {v: k for k, v in TO_NAME.items()}
ITEMSIZE = {"F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1,
            "U8": 1, "BOOL": 1}
# The reference implementation's Dtype enum order (increasing alignment), restricted to these.
DTYPE_ORDER = ["BOOL", "U8", "I8", "I16", "F16", "BF16", "I32", "F32", "F64", "I64"]

assert sys.byteorder == "little", "this script writes raw little-endian data"


# ----------------------------------------------------------------------------- format

def tensor_bytes(t):
    t = t.detach().contiguous().cpu()
    if t.dtype == torch.bfloat16:  # numpy has no bfloat16: reinterpret the bits
        t = t.view(torch.int16)
    return t.numpy().tobytes()


def serialize(tensors, metadata=None, keep_order=False):
    """The reference layout; keep_order=True keeps the dict's order instead of sorting."""
    items = list(tensors.items())
    if not keep_order:
        items.sort(key=lambda kv: (-DTYPE_ORDER.index(TO_NAME[kv[1].dtype]), kv[0]))
    header = {}
    if metadata is not None:
        header["__metadata__"] = dict(metadata)
    blobs = []
    offset = 0
    for name, t in items:
        b = tensor_bytes(t)
        header[name] = {"dtype": TO_NAME[t.dtype], "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    hb = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    hb += b" " * ((8 - len(hb) % 8) % 8)
    return struct.pack("<Q", len(hb)) + hb + b"".join(blobs)


def write(path, tensors, metadata=None):
    data = serialize(tensors, metadata)
    with open(path, "wb") as f:
        f.write(data)


def _no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys):
        raise ValueError("duplicate key in header: %r" % keys)
    return dict(pairs)


def _reject(x):
    raise ValueError("non-integer number in header: %r" % x)


def read(path):
    """Strict reader: returns ([(name, tensor)] in file order, metadata or None)."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise ValueError("file shorter than 8 bytes")
    (n,) = struct.unpack("<Q", data[:8])
    if n > MAX_HEADER_SIZE or 8 + n > len(data):
        raise ValueError("bad header length %d" % n)
    text = data[8:8 + n].decode("utf-8")  # strict
    if not text.startswith("{"):
        raise ValueError("header does not start with '{'")
    header = json.loads(text, object_pairs_hook=_no_duplicates, parse_float=_reject,
                        parse_constant=_reject)
    metadata = header.pop("__metadata__", None)
    if metadata is not None and not all(isinstance(v, str) for v in metadata.values()):
        raise ValueError("metadata values must be strings")
    body = data[8 + n:]
    entries = sorted(header.items(), key=lambda kv: tuple(kv[1]["data_offsets"]))
    out = []
    start = 0
    for name, info in entries:
        if set(info) != {"dtype", "shape", "data_offsets"}:
            raise ValueError("tensor %r: keys %r" % (name, sorted(info)))
        b, e = info["data_offsets"]
        shape = info["shape"]
        if b != start or e < b or any((not isinstance(d, int)) or d < 0 for d in shape):
            raise ValueError("tensor %r: bad offsets or shape" % name)
        numel = math.prod(shape)
        if e - b != numel * ITEMSIZE[info["dtype"]]:
            raise ValueError("tensor %r: %d bytes for shape %r" % (name, e - b, shape))
        dtype = FROM_NAME[info["dtype"]]
        if numel == 0:
            t = torch.empty(shape, dtype=dtype)
        else:
            t = torch.frombuffer(bytearray(body[b:e]), dtype=dtype).reshape(shape)
        out.append((name, t))
        start = e
    if start != len(body):
        raise ValueError("data section has %d bytes not covered by any tensor" % (len(body) - start))
    return out, metadata


# ----------------------------------------------------------------------------- golden text

def fmt_values(t):
    flat = t.detach().reshape(-1)
    if t.dtype.is_floating_point:
        return " ".join(repr(float(v)) for v in flat.double().tolist())
    return " ".join(str(int(v)) for v in flat.tolist())


def fmt_shape(shape):
    return ",".join(str(d) for d in shape)


def write_golden(path, safetensors_path, extra_lines=()):
    entries, metadata = read(safetensors_path)
    lines = ["# generated by make_safetensors.py from %s; torch %s"
             % (os.path.basename(safetensors_path), torch.__version__)]
    for k, v in (metadata or {}).items():
        lines.append("@metadata\t%s\t%s" % (k, v))
    for name, t in entries:
        lines.append("%s\t%s\t%s\t%s" % (name, TO_NAME[t.dtype], fmt_shape(t.shape), fmt_values(t)))
    lines.extend(extra_lines)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


# ----------------------------------------------------------------------------- generate

def generate(out_dir):
    # (a) the state dict of the training-loop model, as genuine float64 draws.
    torch.set_default_dtype(torch.float64)
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(2, 10), torch.nn.ReLU(), torch.nn.Linear(10, 2))
    state = model.state_dict()
    assert all(v.dtype == torch.float64 for v in state.values())
    mlp = os.path.join(out_dir, "torch_mlp.safetensors")
    write(mlp, state, {"format": "pt"})
    x = torch.tensor([[1.0, 2.0], [2.0, 1.0], [3.0, 4.0], [4.0, 3.0]], dtype=torch.float64)
    with torch.no_grad():
        y = model(x)
    write_golden(os.path.join(out_dir, "torch_mlp.golden.txt"), mlp, [
        "@forward_input\t%s\t%s" % (fmt_shape(x.shape), fmt_values(x)),
        "@forward_output\t%s\t%s" % (fmt_shape(y.shape), fmt_values(y)),
    ])

    # (b) float32, int64 and 0-D tensors.
    mixed = {
        "f32": torch.tensor([[0.1, -2.5, 1e-8], [3.4e38, -0.0, 1.4e-45]], dtype=torch.float32),
        "i64": torch.tensor([0, -1, 2**53, -(2**53), 2**62, 7], dtype=torch.int64),
        "scalar": torch.tensor(1.0 / 3.0, dtype=torch.float64),
        "scalar_i64": torch.tensor(42, dtype=torch.int64),
    }
    path = os.path.join(out_dir, "torch_mixed.safetensors")
    write(path, mixed, {"format": "pt", "note": "mixed dtypes"})
    write_golden(os.path.join(out_dir, "torch_mixed.golden.txt"), path)

    # (c) every other dtype jgrad reads, with edge values, and an empty tensor.
    dtypes = {
        "f16": torch.tensor([1.0, -2.0, 6.103515625e-05, 5.960464477539063e-08, 65504.0,
                             float("inf"), float("-inf"), float("nan")], dtype=torch.float16),
        "bf16": torch.tensor([[1.0, -3.140625], [1e38, 1e-38]], dtype=torch.bfloat16),
        "f32_special": torch.tensor([float("nan"), float("inf"), float("-inf")], dtype=torch.float32),
        "i32": torch.tensor([-2**31, 2**31 - 1, 0], dtype=torch.int32),
        "i16": torch.tensor([-32768, 32767], dtype=torch.int16),
        "i8": torch.tensor([-128, 127, 0], dtype=torch.int8),
        "u8": torch.tensor([0, 255, 128], dtype=torch.uint8),
        "bool": torch.tensor([[True, False], [False, True]]),
        "empty": torch.zeros(0, 3, dtype=torch.float32),
    }
    path = os.path.join(out_dir, "torch_dtypes.safetensors")
    write(path, dtypes)
    write_golden(os.path.join(out_dir, "torch_dtypes.golden.txt"), path)


# ----------------------------------------------------------------------------- verify

def bits(v):
    return struct.pack("<d", v).hex()


# What jgrad's JgradWrittenInteropTest writes, element for element (bit patterns for floats).
EXPECTED_NAMES = ["linear.weight", "linear.bias", "special", "labels", "scalar", "empty",
                  'naïve ✓ "quoted"\n']
EXPECTED = {
    "linear.weight": ("F64", [3, 2], [0.1, -2.5, math.pi, -0.0, 1e-300, 5e-324]),
    "linear.bias": ("F64", [3], [1.0 / 3.0, 1e300, -7.25]),
    "special": ("F64", [3], [float("inf"), float("-inf"), float("nan")]),
    "labels": ("I64", [5], [0, 3, 1, -7, 2**53]),
    "scalar": ("F64", [], [42.5]),
    "empty": ("F64", [0, 4], []),
    'naïve ✓ "quoted"\n': ("F64", [1], [1.0]),
}
EXPECTED_METADATA = {"format": "pt", "producer": "jgrad",
                     "note": 'quote " backslash \\ newline \n tab \t bell \x07 é ✓ \U0001F600'}


def verify(path):
    entries, metadata = read(path)
    ok = True

    def check(cond, what):
        nonlocal ok
        print(("ok    " if cond else "FAIL  ") + what)
        ok = ok and cond

    print("file: %s (%d bytes), torch %s" % (os.path.basename(path), os.path.getsize(path),
                                             torch.__version__))
    check(metadata == EXPECTED_METADATA, "metadata %r" % (metadata,))
    check([n for n, _ in entries] == EXPECTED_NAMES, "names in file order %r" % [n for n, _ in entries])
    for name, t in entries:
        dtype, shape, values = EXPECTED[name]
        got = t.reshape(-1).tolist()
        if dtype == "F64":
            same = [bits(float(a)) for a in got] == [bits(float(b)) for b in values]
        else:
            same = got == values
        check(TO_NAME[t.dtype] == dtype and list(t.shape) == shape and same,
              "%r %s %s %s" % (name, TO_NAME[t.dtype], list(t.shape),
                               " ".join(repr(v) for v in got)))
    state = dict(entries)
    lin = torch.nn.Linear(2, 3).double()
    lin.load_state_dict({"weight": state["linear.weight"], "bias": state["linear.bias"]}, strict=True)
    with torch.no_grad():
        y = lin(torch.tensor([[1.0, 2.0]], dtype=torch.float64))
    expected_y = [0.1 * 1 + -2.5 * 2 + 1.0 / 3.0, math.pi * 1 + -0.0 * 2 + 1e300,
                  1e-300 * 1 + 5e-324 * 2 + -7.25]
    check(all(math.isclose(a, b, rel_tol=1e-15) for a, b in zip(y.reshape(-1).tolist(), expected_y)),
          "torch.nn.Linear(2, 3) loads linear.* (strict) and maps [1, 2] to %r" % y.reshape(-1).tolist())
    with open(path, "rb") as f:
        original = f.read()
    again = serialize(state, metadata, keep_order=True)
    check(again == original, "this script's writer, keeping jgrad's order, reproduces the file byte for byte")
    print("RESULT: " + ("OK" if ok else "FAILED"))
    return 0 if ok else 1


def dump(path):
    entries, metadata = read(path)
    print("metadata:", metadata)
    for name, t in entries:
        print("%r %s %s %s" % (name, TO_NAME[t.dtype], list(t.shape), fmt_values(t)))
    return 0


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    if len(argv) >= 2 and argv[1] == "generate":
        generate(argv[2] if len(argv) > 2 else here)
        return 0
    if len(argv) == 3 and argv[1] == "verify":
        return verify(argv[2])
    if len(argv) == 3 and argv[1] == "dump":
        return dump(argv[2])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
