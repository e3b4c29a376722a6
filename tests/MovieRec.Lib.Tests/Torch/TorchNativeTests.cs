using MovieRec.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MovieRec.Tests.Torch;

[Collection(TorchCollection.Name)]
public sealed class TorchNativeTests
{
    [Fact]
    public void EnsureLoadedLoadsTheNativeBackend()
    {
        TorchNative.EnsureLoaded();

        Assert.NotNull(TorchNative.LoadDescription);
    }

    [Fact]
    public void TinyModelTrainsOneOptimizerStep()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var generator = new Generator(7);
        var model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1));
        var inputs = rand(16, 4, generator: generator);
        var targets = inputs.sum(1, keepdim: true);
        var optimizer = optim.SGD(model.parameters(), learningRate: 0.05);

        var before = nn.functional.mse_loss(model.forward(inputs), targets);
        optimizer.zero_grad();
        before.backward();
        var gradientNorm = model.parameters().Select(p => p.grad!.norm().item<float>()).Sum();
        optimizer.step();
        var after = nn.functional.mse_loss(model.forward(inputs), targets);

        Assert.True(gradientNorm > 0f, "backward produced no gradient");
        Assert.True(after.item<float>() < before.item<float>(), $"loss did not fall: {before.item<float>()} -> {after.item<float>()}");
    }

    [Fact]
    public void MatrixProductMatchesHandComputedValues()
    {
        TorchNative.EnsureLoaded();
        using var a = tensor(new float[] { 1, 2, 3, 4 }, 2, 2);
        using var b = tensor(new float[] { 5, 6, 7, 8 }, 2, 2);
        using var product = a.matmul(b);

        Assert.Equal(new float[] { 19, 22, 43, 50 }, product.data<float>().ToArray());
    }
}
