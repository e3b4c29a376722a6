using MovieRec.Torch;
using MovieRec.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MovieRec.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class ModuleCheckpointTests
{
    public ModuleCheckpointTests() => TorchNative.EnsureLoaded();

    [Fact]
    public void SaveThenLoadRestoresEveryWeight()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "weights.bin");
        manual_seed(1);
        using var saved = nn.Linear(4, 3);
        manual_seed(2);
        using var loaded = nn.Linear(4, 3);

        ModuleCheckpoint.Save(saved, path);
        ModuleCheckpoint.Load(loaded, path);

        Assert.Equal(saved.weight!.data<float>().ToArray(), loaded.weight!.data<float>().ToArray());
        Assert.Equal(saved.bias!.data<float>().ToArray(), loaded.bias!.data<float>().ToArray());
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }

    [Fact]
    public void LoadingIntoAnotherShapeNamesTheTensorAndBothShapes()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "weights.bin");
        using var saved = nn.Linear(4, 3);
        using var other = nn.Linear(4, 6);
        ModuleCheckpoint.Save(saved, path);

        var error = Assert.Throws<InvalidDataException>(() => ModuleCheckpoint.Load(other, path));

        Assert.Contains("'weight' has shape [3, 4] in the checkpoint but [6, 4] in the model", error.Message);
        Assert.Contains("'bias'", error.Message);
    }

    [Fact]
    public void MissingAndUnexpectedTensorsAreListed()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "weights.bin");
        using var withBias = nn.Linear(4, 3);
        using var withoutBias = nn.Linear(4, 3, hasBias: false);
        ModuleCheckpoint.Save(withoutBias, path);

        var error = Assert.Throws<InvalidDataException>(() => ModuleCheckpoint.Load(withBias, path));

        Assert.Contains("'bias' is missing from the checkpoint", error.Message);
    }

    [Fact]
    public void TruncatedOrForeignFilesAreInvalidData()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "weights.bin");
        using var module = nn.Linear(4, 3);
        ModuleCheckpoint.Save(module, path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 5)]);
        var foreign = dir.Write("foreign.bin", "not a checkpoint at all");

        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => ModuleCheckpoint.Load(module, path)).Message);
        Assert.Throws<InvalidDataException>(() => ModuleCheckpoint.Load(module, foreign));
    }
}
