namespace MovieRec.Tests.Notebooks;

/// <summary>
/// Tests that run notebooks (each a movierec process using most of a core, some loading TorchSharp) or change
/// process-wide state (the results environment variable) join this collection and run one at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NotebookRunsCollection
{
    public const string Name = "Notebook runs";
}
