namespace MovieRec.Tests;

/// <summary>
/// Every test that touches TorchSharp joins this collection: they run one at a time, because
/// libtorch's thread pool and the global RNG are process-wide.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection : ICollectionFixture<TorchThreads>
{
    public const string Name = "TorchSharp";
}

/// <summary>
/// Gives libtorch in this test process half of the machine's cores before the first torch test runs.
/// `dotnet test MovieRec.Lib.sln` runs this project and the notebook tests (whose kernels train models too) at
/// the same time; with both processes asking libtorch for every core, its OpenMP workers spin against each
/// other, and on a 2-core machine the torch tests ran about 8× slower than with one thread each (measured
/// while tuning the ranking model). Results do not depend on the thread count: the models are seeded and
/// give the same numbers at 1 or 2 threads.
/// </summary>
public sealed class TorchThreads
{
    public TorchThreads()
    {
        MovieRec.Torch.TorchNative.EnsureLoaded();
        TorchSharp.torch.set_num_threads(Math.Max(1, Environment.ProcessorCount / 2));
    }
}
