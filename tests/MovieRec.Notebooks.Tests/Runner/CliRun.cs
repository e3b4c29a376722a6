using System.Diagnostics;

namespace MovieRec.Tests.Notebooks.Runner;

/// <summary>One run of <c>dotnet movierec.dll notebooks …</c>: exit code and captured output.</summary>
public sealed record CliRun(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    /// <summary>
    /// Starts the built CLI with <paramref name="arguments"/> and waits at most 12 minutes: generous because a loaded
    /// 2-core machine runs a notebook 5–8× slower than a quiet one, while a hung kernel still fails the test.
    /// </summary>
    public static CliRun Notebooks(params string[] arguments) => Notebooks(TimeSpan.FromMinutes(12), arguments);

    /// <summary>Starts the built CLI with <paramref name="arguments"/> and waits at most <paramref name="timeout"/>.</summary>
    public static CliRun Notebooks(TimeSpan timeout, params string[] arguments)
    {
        Assert.True(File.Exists(RepositoryPaths.CliAssembly), $"Build the solution first: {RepositoryPaths.CliAssembly} is missing.");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        start.ArgumentList.Add(RepositoryPaths.CliAssembly);
        start.ArgumentList.Add("notebooks");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The runner names the results file itself; an inherited value must not leak in.
        start.Environment.Remove("MOVIEREC_RESULTS_PATH");
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"movierec notebooks {string.Join(' ', arguments)} did not finish in {timeout.TotalMinutes:F0} minutes.");
        }

        return new CliRun(process.ExitCode, standardOutput.Result, standardError.Result, stopwatch.Elapsed);
    }

    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:F1} s\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}
