using System.Reflection;
using Microsoft.FSharp.Core;
using MovieRec.Notebooks;

namespace MovieRec.Tests.Notebooks;

/// <summary>
/// The FSharp.Core fix in-process. (That it makes charts work in a host with FSharp.Core 10.0 is proved end to end
/// by the runner tests: the runner has the hosts' FSharp.Core 10.0.)
/// </summary>
public sealed class NotebookHostTests
{
    [Fact]
    public void TouchingTheLibraryInstallsTheHandlerAndInitializeIsIdempotent()
    {
        _ = Charts.DefaultWidth; // any use of the library runs its module initializer

        Assert.True(NotebookHost.IsInitialized);
        Assert.True(NotebookHost.Initialize());
        Assert.True(NotebookHost.Initialize());
    }

    [Fact]
    public void ARequestForFSharpCoreOfTheSameMajorVersionGetsTheLoadedCopy()
    {
        var loaded = typeof(FSharpOption<int>).Assembly;

        var answer = NotebookHost.FindLoadedFSharpCore(new AssemblyName($"FSharp.Core, Version={loaded.GetName().Version!.Major}.9.0.0"));

        Assert.Same(loaded, answer);
    }

    [Fact]
    public void ARequestForAnotherMajorVersionIsLeftToTheRuntime()
    {
        _ = typeof(FSharpOption<int>).Assembly;

        Assert.Null(NotebookHost.FindLoadedFSharpCore(new AssemblyName("FSharp.Core, Version=99.0.0.0")));
    }
}
