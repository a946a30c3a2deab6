package jgrad;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Tensor#toString()} against PyTorch's repr of the same tensor (torch 1.13 with
 * {@code torch.set_default_dtype(torch.float64)}), with jgrad's names: {@code gradFn=<...>}
 * and {@code requiresGrad=true} for {@code grad_fn=<...0>} and {@code requires_grad=True}, and
 * {@code dtype=INT64}, {@code dtype=BOOL}, {@code dtype=FLOAT32} and {@code dtype=FLOAT64} for
 * {@code dtype=torch.int64}, ... The cases are printed by
 * {@code src/test/resources/golden/make_format_cases.py}; those with the default dtype FLOAT32
 * by {@code make_format_cases.py default-float32}.
 */
class TensorFormatTest {
    private static Arguments c(String code, Supplier<Tensor> make, String pytorch) {
        return Arguments.of(code, make, pytorch);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
            c("Tensor.of(new double[][] {{0.1, 0.2}}).requiresGrad(true).add(0.0)",
                    () -> Tensor.of(new double[][] {{0.1, 0.2}}).requiresGrad(true).add(0.0),
                    "tensor([[0.1000, 0.2000]], gradFn=<AddBackward>)"),
            c("Tensor.of(1.0, 2.0)",
                    () -> Tensor.of(1.0, 2.0),
                    "tensor([1., 2.])"),
            c("Tensor.scalar(3.5)",
                    () -> Tensor.scalar(3.5),
                    "tensor(3.5000)"),
            c("Tensor.scalar(3)",
                    () -> Tensor.scalar(3),
                    "tensor(3.)"),
            c("Tensor.scalar(-0.0)",
                    () -> Tensor.scalar(-0.0),
                    "tensor(-0.)"),
            c("Tensor.scalar(Double.NaN)",
                    () -> Tensor.scalar(Double.NaN),
                    "tensor(nan)"),
            c("Tensor.of(1, 2, 3)",
                    () -> Tensor.of(1, 2, 3),
                    "tensor([1, 2, 3])"),
            c("Tensor.of(-7).reshape()",
                    () -> Tensor.of(-7).reshape(),
                    "tensor(-7)"),
            c("Tensor.arange(30)",
                    () -> Tensor.arange(30),
                    "tensor([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16, 17,\n"
                    + "        18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29])"),
            c("Tensor.of(1e-5, 1.0, 1000.0)",
                    () -> Tensor.of(1e-5, 1.0, 1000.0),
                    "tensor([1.0000e-05, 1.0000e+00, 1.0000e+03])"),
            c("Tensor.of(1.0, 10000.0)",
                    () -> Tensor.of(1.0, 10000.0),
                    "tensor([1.0000e+00, 1.0000e+04])"),
            c("Tensor.of(123456789.0, 1.0)",
                    () -> Tensor.of(123456789.0, 1.0),
                    "tensor([1.2346e+08, 1.0000e+00])"),
            c("Tensor.of(1e-300, 1.0, -2.0, 1e300)",
                    () -> Tensor.of(1e-300, 1.0, -2.0, 1e300),
                    "tensor([1.0000e-300,  1.0000e+00, -2.0000e+00, 1.0000e+300])"),
            c("Tensor.of(1.0, Double.NaN, Double.POSITIVE_INFINITY)",
                    () -> Tensor.of(1.0, Double.NaN, Double.POSITIVE_INFINITY),
                    "tensor([1., nan, inf])"),
            c("Tensor.of(1.5, Double.NEGATIVE_INFINITY)",
                    () -> Tensor.of(1.5, Double.NEGATIVE_INFINITY),
                    "tensor([1.5000,   -inf])"),
            c("Tensor.of(-0.0, 1.5)",
                    () -> Tensor.of(-0.0, 1.5),
                    "tensor([-0.0000, 1.5000])"),
            c("Tensor.of(0.125, 1.00005, 2.00015, 1.00025, -0.00001)",
                    () -> Tensor.of(0.125, 1.00005, 2.00015, 1.00025, -0.00001),
                    "tensor([ 1.2500e-01,  1.0001e+00,  2.0002e+00,  1.0003e+00, -1.0000e-05])"),
            c("Tensor.of(0.03125, 0.00015, 0.10025, -0.00025)",
                    () -> Tensor.of(0.03125, 0.00015, 0.10025, -0.00025),
                    "tensor([ 0.0312,  0.0001,  0.1003, -0.0003])"),
            c("Tensor.of(0.0, 0.0)",
                    () -> Tensor.of(0.0, 0.0),
                    "tensor([0., 0.])"),
            c("Tensor.of(new double[][] {{1.5, -2.25}, {3, 4}})",
                    () -> Tensor.of(new double[][] {{1.5, -2.25}, {3, 4}}),
                    "tensor([[ 1.5000, -2.2500],\n"
                    + "        [ 3.0000,  4.0000]])"),
            c("Tensor.of(new double[][] {{1, 2}, {3, 4}}).requiresGrad(true)",
                    () -> Tensor.of(new double[][] {{1, 2}, {3, 4}}).requiresGrad(true),
                    "tensor([[1., 2.],\n"
                    + "        [3., 4.]], requiresGrad=true)"),
            c("Tensor.arange(24).to(DType.FLOAT64).reshape(2, 3, 4)",
                    () -> Tensor.arange(24).to(DType.FLOAT64).reshape(2, 3, 4),
                    "tensor([[[ 0.,  1.,  2.,  3.],\n"
                    + "         [ 4.,  5.,  6.,  7.],\n"
                    + "         [ 8.,  9., 10., 11.]],\n"
                    + "\n"
                    + "        [[12., 13., 14., 15.],\n"
                    + "         [16., 17., 18., 19.],\n"
                    + "         [20., 21., 22., 23.]]])"),
            c("Tensor.arange(20).to(DType.FLOAT64).div(3)",
                    () -> Tensor.arange(20).to(DType.FLOAT64).div(3),
                    "tensor([0.0000, 0.3333, 0.6667, 1.0000, 1.3333, 1.6667, 2.0000, 2.3333, 2.6667,\n"
                    + "        3.0000, 3.3333, 3.6667, 4.0000, 4.3333, 4.6667, 5.0000, 5.3333, 5.6667,\n"
                    + "        6.0000, 6.3333])"),
            c("Tensor.arange(20).to(DType.FLOAT64).requiresGrad(true).mul(1.5)",
                    () -> Tensor.arange(20).to(DType.FLOAT64).requiresGrad(true).mul(1.5),
                    "tensor([ 0.0000,  1.5000,  3.0000,  4.5000,  6.0000,  7.5000,  9.0000, 10.5000,\n"
                    + "        12.0000, 13.5000, 15.0000, 16.5000, 18.0000, 19.5000, 21.0000, 22.5000,\n"
                    + "        24.0000, 25.5000, 27.0000, 28.5000], gradFn=<MulBackward>)"),
            c("Tensor.arange(8).to(DType.FLOAT64).mul(1.5).requiresGrad(true)",
                    () -> Tensor.arange(8).to(DType.FLOAT64).mul(1.5).requiresGrad(true),
                    "tensor([ 0.0000,  1.5000,  3.0000,  4.5000,  6.0000,  7.5000,  9.0000, 10.5000],\n"
                    + "       requiresGrad=true)"),
            c("Tensor.arange(2000).to(DType.FLOAT64).div(7)",
                    () -> Tensor.arange(2000).to(DType.FLOAT64).div(7),
                    "tensor([0.0000e+00, 1.4286e-01, 2.8571e-01,  ..., 2.8529e+02, 2.8543e+02,\n"
                    + "        2.8557e+02])"),
            c("Tensor.arange(2000).reshape(40, 50)",
                    () -> Tensor.arange(2000).reshape(40, 50),
                    "tensor([[   0,    1,    2,  ...,   47,   48,   49],\n"
                    + "        [  50,   51,   52,  ...,   97,   98,   99],\n"
                    + "        [ 100,  101,  102,  ...,  147,  148,  149],\n"
                    + "        ...,\n"
                    + "        [1850, 1851, 1852,  ..., 1897, 1898, 1899],\n"
                    + "        [1900, 1901, 1902,  ..., 1947, 1948, 1949],\n"
                    + "        [1950, 1951, 1952,  ..., 1997, 1998, 1999]])"),
            c("Tensor.arange(1200).to(DType.FLOAT64).div(3).reshape(30, 40)",
                    () -> Tensor.arange(1200).to(DType.FLOAT64).div(3).reshape(30, 40),
                    "tensor([[0.0000e+00, 3.3333e-01, 6.6667e-01,  ..., 1.2333e+01, 1.2667e+01,\n"
                    + "         1.3000e+01],\n"
                    + "        [1.3333e+01, 1.3667e+01, 1.4000e+01,  ..., 2.5667e+01, 2.6000e+01,\n"
                    + "         2.6333e+01],\n"
                    + "        [2.6667e+01, 2.7000e+01, 2.7333e+01,  ..., 3.9000e+01, 3.9333e+01,\n"
                    + "         3.9667e+01],\n"
                    + "        ...,\n"
                    + "        [3.6000e+02, 3.6033e+02, 3.6067e+02,  ..., 3.7233e+02, 3.7267e+02,\n"
                    + "         3.7300e+02],\n"
                    + "        [3.7333e+02, 3.7367e+02, 3.7400e+02,  ..., 3.8567e+02, 3.8600e+02,\n"
                    + "         3.8633e+02],\n"
                    + "        [3.8667e+02, 3.8700e+02, 3.8733e+02,  ..., 3.9900e+02, 3.9933e+02,\n"
                    + "         3.9967e+02]])"),
            c("Tensor.arange(2000).to(DType.FLOAT64).sub(1000).reshape(20, 10, 10)",
                    () -> Tensor.arange(2000).to(DType.FLOAT64).sub(1000).reshape(20, 10, 10),
                    "tensor([[[-1000.,  -999.,  -998.,  ...,  -993.,  -992.,  -991.],\n"
                    + "         [ -990.,  -989.,  -988.,  ...,  -983.,  -982.,  -981.],\n"
                    + "         [ -980.,  -979.,  -978.,  ...,  -973.,  -972.,  -971.],\n"
                    + "         ...,\n"
                    + "         [ -930.,  -929.,  -928.,  ...,  -923.,  -922.,  -921.],\n"
                    + "         [ -920.,  -919.,  -918.,  ...,  -913.,  -912.,  -911.],\n"
                    + "         [ -910.,  -909.,  -908.,  ...,  -903.,  -902.,  -901.]],\n"
                    + "\n"
                    + "        [[ -900.,  -899.,  -898.,  ...,  -893.,  -892.,  -891.],\n"
                    + "         [ -890.,  -889.,  -888.,  ...,  -883.,  -882.,  -881.],\n"
                    + "         [ -880.,  -879.,  -878.,  ...,  -873.,  -872.,  -871.],\n"
                    + "         ...,\n"
                    + "         [ -830.,  -829.,  -828.,  ...,  -823.,  -822.,  -821.],\n"
                    + "         [ -820.,  -819.,  -818.,  ...,  -813.,  -812.,  -811.],\n"
                    + "         [ -810.,  -809.,  -808.,  ...,  -803.,  -802.,  -801.]],\n"
                    + "\n"
                    + "        [[ -800.,  -799.,  -798.,  ...,  -793.,  -792.,  -791.],\n"
                    + "         [ -790.,  -789.,  -788.,  ...,  -783.,  -782.,  -781.],\n"
                    + "         [ -780.,  -779.,  -778.,  ...,  -773.,  -772.,  -771.],\n"
                    + "         ...,\n"
                    + "         [ -730.,  -729.,  -728.,  ...,  -723.,  -722.,  -721.],\n"
                    + "         [ -720.,  -719.,  -718.,  ...,  -713.,  -712.,  -711.],\n"
                    + "         [ -710.,  -709.,  -708.,  ...,  -703.,  -702.,  -701.]],\n"
                    + "\n"
                    + "        ...,\n"
                    + "\n"
                    + "        [[  700.,   701.,   702.,  ...,   707.,   708.,   709.],\n"
                    + "         [  710.,   711.,   712.,  ...,   717.,   718.,   719.],\n"
                    + "         [  720.,   721.,   722.,  ...,   727.,   728.,   729.],\n"
                    + "         ...,\n"
                    + "         [  770.,   771.,   772.,  ...,   777.,   778.,   779.],\n"
                    + "         [  780.,   781.,   782.,  ...,   787.,   788.,   789.],\n"
                    + "         [  790.,   791.,   792.,  ...,   797.,   798.,   799.]],\n"
                    + "\n"
                    + "        [[  800.,   801.,   802.,  ...,   807.,   808.,   809.],\n"
                    + "         [  810.,   811.,   812.,  ...,   817.,   818.,   819.],\n"
                    + "         [  820.,   821.,   822.,  ...,   827.,   828.,   829.],\n"
                    + "         ...,\n"
                    + "         [  870.,   871.,   872.,  ...,   877.,   878.,   879.],\n"
                    + "         [  880.,   881.,   882.,  ...,   887.,   888.,   889.],\n"
                    + "         [  890.,   891.,   892.,  ...,   897.,   898.,   899.]],\n"
                    + "\n"
                    + "        [[  900.,   901.,   902.,  ...,   907.,   908.,   909.],\n"
                    + "         [  910.,   911.,   912.,  ...,   917.,   918.,   919.],\n"
                    + "         [  920.,   921.,   922.,  ...,   927.,   928.,   929.],\n"
                    + "         ...,\n"
                    + "         [  970.,   971.,   972.,  ...,   977.,   978.,   979.],\n"
                    + "         [  980.,   981.,   982.,  ...,   987.,   988.,   989.],\n"
                    + "         [  990.,   991.,   992.,  ...,   997.,   998.,   999.]]])"),
            c("Tensor.arange(1001).to(DType.FLOAT64)",
                    () -> Tensor.arange(1001).to(DType.FLOAT64),
                    "tensor([   0.,    1.,    2.,  ...,  998.,  999., 1000.])"),
            c("Tensor.zeros(0, 3)",
                    () -> Tensor.zeros(0, 3),
                    "tensor([], size=(0, 3))"),
            c("Tensor.zeros(0)",
                    () -> Tensor.zeros(0),
                    "tensor([])"),
            c("Tensor.zeros(2, 0, 1)",
                    () -> Tensor.zeros(2, 0, 1),
                    "tensor([], size=(2, 0, 1))"),
            c("Tensor.arange(0)",
                    () -> Tensor.arange(0),
                    "tensor([], dtype=INT64)"),
            c("Tensor.zeros(2, 0).to(DType.INT64)",
                    () -> Tensor.zeros(2, 0).to(DType.INT64),
                    "tensor([], size=(2, 0), dtype=INT64)"),
            c("Tensor.of(new double[][] {{1, 2, 3}}).requiresGrad(true).sum()",
                    () -> Tensor.of(new double[][] {{1, 2, 3}}).requiresGrad(true).sum(),
                    "tensor(6., gradFn=<SumBackward>)"),
            c("Tensor.of(1.0, 0.0).to(DType.BOOL)",
                    () -> Tensor.of(1.0, 0.0).to(DType.BOOL),
                    "tensor([ True, False])"),
            c("Tensor.of(1.0, 2.0).gt(0)",
                    () -> Tensor.of(1.0, 2.0).gt(0),
                    "tensor([True, True])"),
            c("Tensor.zeros(3).to(DType.BOOL)",
                    () -> Tensor.zeros(3).to(DType.BOOL),
                    "tensor([False, False, False])"),
            c("Tensor.scalar(0).to(DType.BOOL)",
                    () -> Tensor.scalar(0).to(DType.BOOL),
                    "tensor(False)"),
            c("Tensor.scalar(Double.NaN).ne(0)",
                    () -> Tensor.scalar(Double.NaN).ne(0),
                    "tensor(True)"),
            c("Tensor.of(new double[][] {{1, 0}, {0, 0}}).to(DType.BOOL)",
                    () -> Tensor.of(new double[][] {{1, 0}, {0, 0}}).to(DType.BOOL),
                    "tensor([[ True, False],\n"
                    + "        [False, False]])"),
            c("Tensor.arange(40).to(DType.FLOAT64).reshape(2, 20).gt(9.5)",
                    () -> Tensor.arange(40).to(DType.FLOAT64).reshape(2, 20).gt(9.5),
                    "tensor([[False, False, False, False, False, False, False, False, False, False,\n"
                    + "          True,  True,  True,  True,  True,  True,  True,  True,  True,  True],\n"
                    + "        [ True,  True,  True,  True,  True,  True,  True,  True,  True,  True,\n"
                    + "          True,  True,  True,  True,  True,  True,  True,  True,  True,  True]])"),
            c("Tensor.arange(2000).to(DType.FLOAT64).lt(1500)",
                    () -> Tensor.arange(2000).to(DType.FLOAT64).lt(1500),
                    "tensor([ True,  True,  True,  ..., False, False, False])"),
            c("Tensor.arange(2000).reshape(40, 50).ge(1000)",
                    () -> Tensor.arange(2000).reshape(40, 50).ge(1000),
                    "tensor([[False, False, False,  ..., False, False, False],\n"
                    + "        [False, False, False,  ..., False, False, False],\n"
                    + "        [False, False, False,  ..., False, False, False],\n"
                    + "        ...,\n"
                    + "        [ True,  True,  True,  ...,  True,  True,  True],\n"
                    + "        [ True,  True,  True,  ...,  True,  True,  True],\n"
                    + "        [ True,  True,  True,  ...,  True,  True,  True]])"),
            c("Tensor.zeros(0).to(DType.BOOL)",
                    () -> Tensor.zeros(0).to(DType.BOOL),
                    "tensor([], dtype=BOOL)"),
            c("Tensor.zeros(2, 0).lt(1)",
                    () -> Tensor.zeros(2, 0).lt(1),
                    "tensor([], size=(2, 0), dtype=BOOL)"),
            c("Tensor.of(new double[] {0.1, 2.0}, DType.FLOAT32, 2)",
                    () -> Tensor.of(new double[] {0.1, 2.0}, DType.FLOAT32, 2),
                    "tensor([0.1000, 2.0000], dtype=FLOAT32)"),
            c("Tensor.of(new double[] {1e10, 1.0}, DType.FLOAT32, 2)",
                    () -> Tensor.of(new double[] {1e10, 1.0}, DType.FLOAT32, 2),
                    "tensor([1.0000e+10, 1.0000e+00], dtype=FLOAT32)"),
            c("Tensor.of(new double[] {16777217, 0.1}, DType.FLOAT32, 2)",
                    () -> Tensor.of(new double[] {16777217, 0.1}, DType.FLOAT32, 2),
                    "tensor([1.6777e+07, 1.0000e-01], dtype=FLOAT32)"),
            c("Tensor.of(new double[] {0.1, 0.2}, DType.FLOAT32, 2).sum()",
                    () -> Tensor.of(new double[] {0.1, 0.2}, DType.FLOAT32, 2).sum(),
                    "tensor(0.3000, dtype=FLOAT32)"),
            c("Tensor.scalar(0.5).to(DType.FLOAT32).requiresGrad(true).mul(2.0)",
                    () -> Tensor.scalar(0.5).to(DType.FLOAT32).requiresGrad(true).mul(2.0),
                    "tensor(1., dtype=FLOAT32, gradFn=<MulBackward>)"),
            c("Tensor.ones(DType.FLOAT32, 2, 2).requiresGrad(true)",
                    () -> Tensor.ones(DType.FLOAT32, 2, 2).requiresGrad(true),
                    "tensor([[1., 1.],\n"
                    + "        [1., 1.]], dtype=FLOAT32, requiresGrad=true)"),
            c("Tensor.arange(2000).to(DType.FLOAT32).div(7)",
                    () -> Tensor.arange(2000).to(DType.FLOAT32).div(7),
                    "tensor([0.0000e+00, 1.4286e-01, 2.8571e-01,  ..., 2.8529e+02, 2.8543e+02,\n"
                    + "        2.8557e+02], dtype=FLOAT32)"),
            c("Tensor.zeros(DType.FLOAT32, 0)",
                    () -> Tensor.zeros(DType.FLOAT32, 0),
                    "tensor([], dtype=FLOAT32)"),
            c("Tensor.zeros(DType.FLOAT32, 2, 0)",
                    () -> Tensor.zeros(DType.FLOAT32, 2, 0),
                    "tensor([], size=(2, 0), dtype=FLOAT32)"));
    }

    /** Cases printed by PyTorch with {@code torch.set_default_dtype(torch.float32)}. */
    static Stream<Arguments> casesWithDefaultFloat32() {
        return Stream.of(
            c("Tensor.of(0.1, 2.0)",
                    () -> Tensor.of(0.1, 2.0),
                    "tensor([0.1000, 2.0000])"),
            c("Tensor.of(new double[] {0.1, 2.0}, DType.FLOAT64, 2)",
                    () -> Tensor.of(new double[] {0.1, 2.0}, DType.FLOAT64, 2),
                    "tensor([0.1000, 2.0000], dtype=FLOAT64)"),
            c("Tensor.scalar(3.5).requiresGrad(true)",
                    () -> Tensor.scalar(3.5).requiresGrad(true),
                    "tensor(3.5000, requiresGrad=true)"),
            c("Tensor.of(1.0, 2.0).to(DType.FLOAT64).requiresGrad(true).mul(1.5)",
                    () -> Tensor.of(1.0, 2.0).to(DType.FLOAT64).requiresGrad(true).mul(1.5),
                    "tensor([1.5000, 3.0000], dtype=FLOAT64, gradFn=<MulBackward>)"),
            c("Tensor.of(1, 2, 3)",
                    () -> Tensor.of(1, 2, 3),
                    "tensor([1, 2, 3])"),
            c("Tensor.of(1, 2, 3).div(2.0)",
                    () -> Tensor.of(1, 2, 3).div(2.0),
                    "tensor([0.5000, 1.0000, 1.5000])"),
            c("Tensor.zeros(0)",
                    () -> Tensor.zeros(0),
                    "tensor([])"),
            c("Tensor.zeros(DType.FLOAT64, 2, 0)",
                    () -> Tensor.zeros(DType.FLOAT64, 2, 0),
                    "tensor([], size=(2, 0), dtype=FLOAT64)"),
            c("Tensor.arange(0)",
                    () -> Tensor.arange(0),
                    "tensor([], dtype=INT64)"),
            c("Tensor.zeros(2).lt(1)",
                    () -> Tensor.zeros(2).lt(1),
                    "tensor([True, True])"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorchRepr(String code, Supplier<Tensor> make, String pytorch) {
        assertEquals(pytorch, make.get().toString(), code);
    }

    /** With the default dtype FLOAT32 (reset in a finally block: the tests share one JVM). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("casesWithDefaultFloat32")
    void matchesPyTorchReprWithDefaultFloat32(String code, Supplier<Tensor> make, String pytorch) {
        Tensor.setDefaultDtype(DType.FLOAT32);
        try {
            assertEquals(pytorch, make.get().toString(), code);
        } finally {
            Tensor.setDefaultDtype(DType.FLOAT64);
        }
    }
}
