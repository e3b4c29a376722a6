using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace MovieRec.Notebooks;

/// <summary>
/// The one place that makes Plotly.NET 6 work inside the .NET Interactive notebook hosts (VS Code Polyglot
/// Notebooks, dotnet-interactive under Jupyter, dotnet-repl and <c>movierec notebooks</c>).
/// <para>
/// Those hosts load FSharp.Core 10.0.0.0 into the default load context when they start; Plotly.NET 6,
/// Plotly.NET.CSharp 0.14, Plotly.NET.Interactive 6 and DynamicObj 8 were compiled against FSharp.Core
/// 10.1.0.0, so the first chart fails with "Could not load file or assembly 'FSharp.Core, Version=10.1.0.0'".
/// A second FSharp.Core cannot be loaded beside the first (types would not match), so this class answers the
/// runtime's request for FSharp.Core with the copy that is already loaded. Every FSharp.Core member those four
/// packages use exists in FSharp.Core 10.0 (checked for exactly these versions: re-check after a bump).
/// </para>
/// The handler is installed by a module initializer, so touching any type of this library before the first
/// chart is enough; notebooks call <see cref="Initialize"/> explicitly in their first code cell anyway.
/// </summary>
public static class NotebookHost
{
    private static readonly Lock Gate = new();
    private static bool _installed;

#pragma warning disable CA2255 // Module initializer in a library: it must run before the first Plotly.NET type is touched, in every host.
    [ModuleInitializer]
    internal static void InstallOnModuleLoad() => Initialize();
#pragma warning restore CA2255

    /// <summary>True once the FSharp.Core resolving handler is installed.</summary>
    public static bool IsInitialized => _installed;

    /// <summary>How many times the handler answered a FSharp.Core request with the loaded copy: for diagnostics.</summary>
    public static int FSharpCoreRedirects { get; private set; }

    /// <summary>Installs the FSharp.Core resolving handler (idempotent, thread-safe). Returns true, so a notebook cell can end with it.</summary>
    public static bool Initialize()
    {
        lock (Gate)
        {
            if (_installed)
            {
                return true;
            }

            AssemblyLoadContext.Default.Resolving += ResolveLoadedFSharpCore;
            // The notebook hosts load a #r'd library into a load context of their own; requests made from
            // there go to that context's Resolving event after the default context could not help.
            var own = AssemblyLoadContext.GetLoadContext(typeof(NotebookHost).Assembly);
            if (own is not null && own != AssemblyLoadContext.Default)
            {
                own.Resolving += ResolveLoadedFSharpCore;
            }

            _installed = true;
            return true;
        }
    }

    private static Assembly? ResolveLoadedFSharpCore(AssemblyLoadContext context, AssemblyName requested)
    {
        if (!string.Equals(requested.Name, "FSharp.Core", StringComparison.Ordinal))
        {
            return null;
        }

        var loaded = FindLoadedFSharpCore(requested);
        if (loaded is not null)
        {
            FSharpCoreRedirects++;
        }

        return loaded;
    }

    /// <summary>
    /// The FSharp.Core already loaded in this process with the same major version as <paramref name="requested"/>
    /// (the default context's copy first), or null, in which case the runtime reports its usual error.
    /// </summary>
    internal static Assembly? FindLoadedFSharpCore(AssemblyName requested)
    {
        var candidates = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => string.Equals(a.GetName().Name, "FSharp.Core", StringComparison.Ordinal))
            .Where(a => requested.Version is null || a.GetName().Version?.Major == requested.Version.Major)
            .OrderByDescending(a => AssemblyLoadContext.GetLoadContext(a) == AssemblyLoadContext.Default)
            .ThenByDescending(a => a.GetName().Version);
        return candidates.FirstOrDefault();
    }
}
