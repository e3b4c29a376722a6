namespace MovieRec.Tests;

/// <summary>
/// Every test that touches TorchSharp joins this collection: they run one at a time, because
/// libtorch's thread pool and the global RNG are process-wide.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "TorchSharp";
}
