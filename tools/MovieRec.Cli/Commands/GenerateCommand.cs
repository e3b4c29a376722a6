namespace MovieRec.Cli.Commands;

/// <summary>Stub, to be implemented.</summary>
internal static class GenerateCommand
{
    public static int Run(string[] args) => throw new NotImplementedException();
}
