using MovieRec.Torch;
using MovieRec.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MovieRec.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class LazyAdamTableTests
{
    private static readonly float[] Initial = [0.5f, -1f, 0.25f, 2f, -0.75f, 0.1f, 1.5f, -0.2f];

    // Per step, the gradient of every row (loss = Σ table ⊙ coefficients): hand-picked, different signs and sizes.
    private static readonly float[][] Coefficients =
    [
        [1f, -2f, 0.5f, 0.1f, -0.3f, 3f, 0.7f, -1.1f],
        [-0.4f, 0.9f, 2f, -0.6f, 0.2f, -1.5f, 0.05f, 0.8f],
        [0.3f, 0.3f, -0.9f, 1.2f, -2.2f, 0.4f, -0.1f, 0.6f],
    ];

    public LazyAdamTableTests() => TorchNative.EnsureLoaded();

    [Theory]
    [InlineData(OptimizerKind.AdamW, 0.0)]
    [InlineData(OptimizerKind.AdamW, 0.1)]
    [InlineData(OptimizerKind.Adam, 0.1)]
    public void TouchingEveryRowAtEveryStepIsTheDenseOptimizer(OptimizerKind kind, double weightDecay)
    {
        double[] rates = [0.1, 0.05, 0.02];
        using var dense = new TorchSharp.Modules.Parameter(tensor(Initial, [4, 2]));
        using var optimizer = kind == OptimizerKind.AdamW
            ? (optim.Optimizer)optim.AdamW([dense], lr: 0.1, weight_decay: weightDecay)
            : optim.Adam([dense], lr: 0.1, weight_decay: weightDecay);
        using var weight = tensor(Initial, [4, 2]);
        using var lazy = new LazyAdamTable(weight, kind, weightDecay);
        var all = arange(4, dtype: ScalarType.Int64);

        for (var step = 0; step < 3; step++)
        {
            using var scope = NewDisposeScope();
            var coefficients = tensor(Coefficients[step], [4, 2]);
            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = rates[step];
            }

            optimizer.zero_grad();
            (dense * coefficients).sum().backward();
            optimizer.step();

            lazy.Open(all.flip(0));
            (lazy.Lookup(all) * coefficients).sum().backward();
            lazy.Step(rates[step]);
        }

        var expected = dense.detach().data<float>().ToArray();
        var actual = weight.data<float>().ToArray();
        Assert.Equal(3, lazy.StepCount);
        Assert.NotEqual(Initial, actual);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 6);
        }
    }

    [Fact]
    public void OnlyTouchedRowsMoveAndAFirstTouchMatchesDenseAdamAtThatGlobalStep()
    {
        // Step 1 touches rows 0 and 1 (row 1 twice), step 2 rows 1 and 2; row 3 is never touched.
        using var dense = new TorchSharp.Modules.Parameter(tensor(Initial, [4, 2]));
        using var optimizer = optim.AdamW([dense], lr: 0.1, weight_decay: 0);
        using var weight = tensor(Initial, [4, 2]);
        using var lazy = new LazyAdamTable(weight, OptimizerKind.AdamW);
        long[][] touched = [[0, 1, 1], [2, 1]];
        float[] afterFirst = [];
        for (var step = 0; step < 2; step++)
        {
            using var scope = NewDisposeScope();
            var ids = tensor(touched[step]);
            var coefficients = tensor(Coefficients[step], [4, 2]);

            // Dense reference: the same loss, so untouched rows get a zero gradient.
            optimizer.zero_grad();
            (dense.index_select(0, ids) * coefficients.index_select(0, ids)).sum().backward();
            optimizer.step();

            lazy.Open(ids);
            (lazy.Lookup(ids) * coefficients.index_select(0, ids)).sum().backward();
            lazy.Step(0.1);
            if (step == 0)
            {
                afterFirst = weight.data<float>().ToArray();
            }
        }

        var expected = dense.detach().data<float>().ToArray();
        var actual = weight.data<float>().ToArray();

        // Row 2, first touched at global step 2, gets dense Adam's step-2 update (its moments were zero there too).
        Assert.Equal(expected[4], actual[4], 6);
        Assert.Equal(expected[5], actual[5], 6);
        Assert.NotEqual(Initial[4], actual[4]);

        // Row 0, untouched at step 2, keeps its step-1 value; dense Adam moves it on by its momentum.
        Assert.Equal(afterFirst[0], actual[0]);
        Assert.Equal(afterFirst[1], actual[1]);
        Assert.NotEqual(expected[0], actual[0]);

        // Row 3 was never touched.
        Assert.Equal(Initial[6], actual[6]);
        Assert.Equal(Initial[7], actual[7]);
        Assert.Equal(Initial[6], expected[6]);
    }

    [Fact]
    public void LookupNeedsOpenRowsAndRowsOpenOncePerStep()
    {
        using var weight = tensor(Initial, [4, 2]);
        using var lazy = new LazyAdamTable(weight, OptimizerKind.AdamW);
        var ids = tensor(new long[] { 3, 1 });

        Assert.Throws<InvalidOperationException>(() => lazy.Lookup(ids));
        Assert.Throws<InvalidOperationException>(() => lazy.Step(0.1));
        var leaf = lazy.Open(ids);
        Assert.Equal([2L, 2L], leaf.shape);
        Assert.True(leaf.requires_grad);
        Assert.Equal(new[] { Initial[6], Initial[7], Initial[2], Initial[3] }, lazy.Lookup(tensor(new long[] { 3, 1 })).data<float>().ToArray());
        Assert.Throws<InvalidOperationException>(() => lazy.Open(ids));

        lazy.Step(0.1); // no backward: no gradient, so nothing moves, but the step counts
        Assert.False(lazy.IsOpen);
        Assert.Equal(1, lazy.StepCount);
        Assert.Equal(Initial, weight.data<float>().ToArray());
        Assert.Throws<ArgumentException>(() => new LazyAdamTable(zeros(3), OptimizerKind.AdamW));
    }
}
