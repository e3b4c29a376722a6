namespace MovieRec.Cli.Commands;

/// <summary>Stub, to be implemented.</summary>
internal static class BenchLoadCommand
{
    public static int Run(string[] args) => throw new NotImplementedException();
}
