#!/usr/bin/env python3
"""Prints the cases of TensorFormatTest, to paste into its cases(): for each tensor, the Java
expression that builds it and PyTorch's repr of it, renamed to jgrad's suffixes (gradFn=<...>,
requiresGrad=true, dtype=INT64, dtype=BOOL, dtype=FLOAT32, dtype=FLOAT64). Run with Debian's
python3-torch:

    /usr/bin/python3 make_format_cases.py
    /usr/bin/python3 make_format_cases.py default-float32

The first prints cases() (the default dtype float64, as jgrad's default), the second
casesWithDefaultFloat32() (torch.set_default_dtype(torch.float32); the test sets
Tensor.setDefaultDtype(FLOAT32) around each). PyTorch shows the dtype of a non-empty floating
tensor only when it is not the default, and of an empty tensor whenever it is not the default.
"""
import sys
import json
import torch
torch.set_default_dtype(torch.float64)
def fix(s): return s.replace("requires_grad=True","requiresGrad=true").replace("0>",">").replace("grad_fn=","gradFn=")
cases = [
 ("Tensor.of(new double[][] {{0.1, 0.2}}).requiresGrad(true).add(0.0)", torch.tensor([[0.1,0.2]],requires_grad=True)+0.0),
 ("Tensor.of(1.0, 2.0)", torch.tensor([1.,2.])),
 ("Tensor.scalar(3.5)", torch.tensor(3.5)),
 ("Tensor.scalar(3)", torch.tensor(3.)),
 ("Tensor.scalar(-0.0)", torch.tensor(-0.0)),
 ("Tensor.scalar(Double.NaN)", torch.tensor(float('nan'))),
 ("Tensor.of(1, 2, 3)", torch.tensor([1,2,3])),
 ("Tensor.of(-7).reshape()", torch.tensor(-7)),
 ("Tensor.arange(30)", torch.arange(30)),
 ("Tensor.of(1e-5, 1.0, 1000.0)", torch.tensor([1e-5,1.,1000.])),
 ("Tensor.of(1.0, 10000.0)", torch.tensor([1.,10000.])),
 ("Tensor.of(123456789.0, 1.0)", torch.tensor([123456789.,1.])),
 ("Tensor.of(1e-300, 1.0, -2.0, 1e300)", torch.tensor([1e-300,1.,-2.,1e300])),
 ("Tensor.of(1.0, Double.NaN, Double.POSITIVE_INFINITY)", torch.tensor([1.,float('nan'),float('inf')])),
 ("Tensor.of(1.5, Double.NEGATIVE_INFINITY)", torch.tensor([1.5,float('-inf')])),
 ("Tensor.of(-0.0, 1.5)", torch.tensor([-0.0,1.5])),
 ("Tensor.of(0.125, 1.00005, 2.00015, 1.00025, -0.00001)", torch.tensor([0.125,1.00005,2.00015,1.00025,-0.00001])),
 ("Tensor.of(0.03125, 0.00015, 0.10025, -0.00025)", torch.tensor([0.03125, 0.00015, 0.10025, -0.00025])),
 ("Tensor.of(0.0, 0.0)", torch.tensor([0.,0.])),
 ("Tensor.of(new double[][] {{1.5, -2.25}, {3, 4}})", torch.tensor([[1.5,-2.25],[3.,4.]])),
 ("Tensor.of(new double[][] {{1, 2}, {3, 4}}).requiresGrad(true)", torch.tensor([[1.,2.],[3.,4.]],requires_grad=True)),
 ("Tensor.arange(24).to(DType.FLOAT64).reshape(2, 3, 4)", torch.arange(24.).reshape(2,3,4)),
 ("Tensor.arange(20).to(DType.FLOAT64).div(3)", torch.arange(20.)/3),
 ("Tensor.arange(20).to(DType.FLOAT64).requiresGrad(true).mul(1.5)", torch.arange(20.).requires_grad_()*1.5),
 ("Tensor.arange(8).to(DType.FLOAT64).mul(1.5).requiresGrad(true)", (torch.arange(8.)*1.5).requires_grad_()),
 ("Tensor.arange(2000).to(DType.FLOAT64).div(7)", torch.arange(2000.)/7),
 ("Tensor.arange(2000).reshape(40, 50)", torch.arange(2000).reshape(40,50)),
 ("Tensor.arange(1200).to(DType.FLOAT64).div(3).reshape(30, 40)", (torch.arange(1200.)/3).reshape(30,40)),
 ("Tensor.arange(2000).to(DType.FLOAT64).sub(1000).reshape(20, 10, 10)", (torch.arange(2000.)-1000).reshape(20,10,10)),
 ("Tensor.arange(1001).to(DType.FLOAT64)", torch.arange(1001.)),
 ("Tensor.zeros(0, 3)", torch.zeros(0,3)),
 ("Tensor.zeros(0)", torch.zeros(0)),
 ("Tensor.zeros(2, 0, 1)", torch.zeros(2,0,1)),
 ("Tensor.arange(0)", torch.arange(0)),
 ("Tensor.zeros(2, 0).to(DType.INT64)", torch.zeros(2,0,dtype=torch.long)),
 ("Tensor.of(new double[][] {{1, 2, 3}}).requiresGrad(true).sum()", torch.tensor([[1.,2.,3.]],requires_grad=True).sum()),
 ("Tensor.of(1.0, 0.0).to(DType.BOOL)", torch.tensor([1.,0.]).to(torch.bool)),
 ("Tensor.of(1.0, 2.0).gt(0)", torch.tensor([1.,2.]).gt(0)),
 ("Tensor.zeros(3).to(DType.BOOL)", torch.zeros(3).to(torch.bool)),
 ("Tensor.scalar(0).to(DType.BOOL)", torch.tensor(0.).to(torch.bool)),
 ("Tensor.scalar(Double.NaN).ne(0)", torch.tensor(float('nan')).ne(0)),
 ("Tensor.of(new double[][] {{1, 0}, {0, 0}}).to(DType.BOOL)", torch.tensor([[1.,0.],[0.,0.]]).to(torch.bool)),
 ("Tensor.arange(40).to(DType.FLOAT64).reshape(2, 20).gt(9.5)", torch.arange(40.).reshape(2,20).gt(9.5)),
 ("Tensor.arange(2000).to(DType.FLOAT64).lt(1500)", torch.arange(2000.).lt(1500)),
 ("Tensor.arange(2000).reshape(40, 50).ge(1000)", torch.arange(2000).reshape(40,50).ge(1000)),
 ("Tensor.zeros(0).to(DType.BOOL)", torch.zeros(0).to(torch.bool)),
 ("Tensor.zeros(2, 0).lt(1)", torch.zeros(2,0).lt(1)),
 # FLOAT32 with the default FLOAT64
 ("Tensor.of(new double[] {0.1, 2.0}, DType.FLOAT32, 2)", torch.tensor([0.1,2.0],dtype=torch.float32)),
 ("Tensor.of(new double[] {1e10, 1.0}, DType.FLOAT32, 2)", torch.tensor([1e10,1.0],dtype=torch.float32)),
 ("Tensor.of(new double[] {16777217, 0.1}, DType.FLOAT32, 2)", torch.tensor([16777217,0.1],dtype=torch.float32)),
 ("Tensor.of(new double[] {0.1, 0.2}, DType.FLOAT32, 2).sum()", torch.tensor([0.1,0.2],dtype=torch.float32).sum()),
 ("Tensor.scalar(0.5).to(DType.FLOAT32).requiresGrad(true).mul(2.0)",
  torch.tensor(0.5,dtype=torch.float32,requires_grad=True)*2.0),
 ("Tensor.ones(DType.FLOAT32, 2, 2).requiresGrad(true)", torch.ones(2,2,dtype=torch.float32,requires_grad=True)),
 ("Tensor.arange(2000).to(DType.FLOAT32).div(7)", torch.arange(2000.,dtype=torch.float32)/7),
 ("Tensor.zeros(DType.FLOAT32, 0)", torch.zeros(0,dtype=torch.float32)),
 ("Tensor.zeros(DType.FLOAT32, 2, 0)", torch.zeros(2,0,dtype=torch.float32)),
]

# The same kinds of tensor with torch.set_default_dtype(torch.float32)
DEFAULT_F32 = [
 ("Tensor.of(0.1, 2.0)", lambda: torch.tensor([0.1,2.0])),
 ("Tensor.of(new double[] {0.1, 2.0}, DType.FLOAT64, 2)", lambda: torch.tensor([0.1,2.0],dtype=torch.float64)),
 ("Tensor.scalar(3.5).requiresGrad(true)", lambda: torch.tensor(3.5,requires_grad=True)),
 ("Tensor.of(1.0, 2.0).to(DType.FLOAT64).requiresGrad(true).mul(1.5)",
  lambda: torch.tensor([1.,2.],dtype=torch.float64,requires_grad=True)*1.5),
 ("Tensor.of(1, 2, 3)", lambda: torch.tensor([1,2,3])),
 ("Tensor.of(1, 2, 3).div(2.0)", lambda: torch.tensor([1,2,3])/2.0),
 ("Tensor.zeros(0)", lambda: torch.zeros(0)),
 ("Tensor.zeros(DType.FLOAT64, 2, 0)", lambda: torch.zeros(2,0,dtype=torch.float64)),
 ("Tensor.arange(0)", lambda: torch.arange(0)),
 ("Tensor.zeros(2).lt(1)", lambda: torch.zeros(2).lt(1)),
]


def java_string(text):
    """A Java string literal, split after each newline into concatenated pieces."""
    pieces = text.split("\n")
    lits = [json.dumps(p + ("\n" if i < len(pieces) - 1 else "")) for i, p in enumerate(pieces)]
    return ("\n" + " " * 20 + "+ ").join(lits)


if sys.argv[1:] == ["default-float32"]:
    torch.set_default_dtype(torch.float32)
    cases = [(code, make()) for code, make in DEFAULT_F32]
out = []
for code, t in cases:
    s = fix(repr(t))
    for torch_name, jgrad_name in [("int64", "INT64"), ("bool", "BOOL"), ("float32", "FLOAT32"), ("float64", "FLOAT64")]:
        s = s.replace("dtype=torch." + torch_name, "dtype=" + jgrad_name)
    out.append("            c(%s,\n                    () -> %s,\n                    %s)"
               % (json.dumps(code), code, java_string(s)))
print(",\n".join(out))
