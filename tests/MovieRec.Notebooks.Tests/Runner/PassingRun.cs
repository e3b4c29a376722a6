namespace MovieRec.Tests.Notebooks.Runner;

/// <summary>
/// One headless run, shared by the tests that read its outputs (starting a kernel is the expensive part of this
/// tier): notebooks/_template.ipynb with small, overridden parameters, then the TorchSharp fixture — two notebooks
/// in one run, in the order given.
/// </summary>
public sealed class PassingRun : IDisposable
{
    private readonly TempDirectory _output = new();

    public PassingRun()
    {
        Run = CliRun.Notebooks(RepositoryPaths.Template, RepositoryPaths.Fixture("torch-cell.ipynb"),
            "--param", "SEED=7", "--param", "TOP_K=3", "--param", "NUMBER_OF_USERS=50", "--output", _output.Path);
    }

    /// <summary>The CLI run: exit code, output, time.</summary>
    public CliRun Run { get; }

    /// <summary>A file the run wrote, by name.</summary>
    public string OutputFile(string fileName) => Path.Combine(_output.Path, fileName);

    public void Dispose() => _output.Dispose();
}
