using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace MovieRec.NotebookRunner;

/// <summary>
/// A C# kernel set up like the Polyglot Notebooks host sets up its own: <c>#r "nuget:"</c> support, the kernel
/// helpers (display, …), value sharing, HTML as the preferred output, and the kernel extensions that packages
/// ship in interactive-extensions/dotnet (Plotly.NET.Interactive's chart formatter, Microsoft.Data.Analysis's
/// DataFrame formatter), which the kernel library does not load by itself. One session per notebook, so no
/// variable survives from one notebook into the next.
/// </summary>
internal sealed class KernelSession : IDisposable
{
    private readonly CompositeKernel _root;
    private readonly HashSet<string> _loadedExtensions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _packageAssemblies = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Lock ResolverGate = new();
    private static KernelSession? _current;
    private static bool _resolverInstalled;

    public KernelSession()
    {
        // The front-ends ask for HTML first; the formatters of charts and data frames only produce HTML.
        Formatter.DefaultMimeType = HtmlFormatter.MimeType;
        var csharp = new CSharpKernel()
            .UseNugetDirective(OnPackagesResolvedAsync, forceRestore: false)
            .UseKernelHelpers()
            .UseValueSharing();
        _root = new CompositeKernel { csharp };
        _root.DefaultKernelName = csharp.Name;
        InstallPackageResolver(this);
    }

    /// <summary>Runs one submission and returns its result (all events).</summary>
    public Task<KernelCommandResult> SubmitAsync(string code, CancellationToken cancellationToken) =>
        _root.SendAsync(new SubmitCode(code, "csharp"), cancellationToken);

    private async Task OnPackagesResolvedAsync(CSharpKernel kernel, IReadOnlyList<ResolvedPackageReference> packages)
    {
        kernel.AddAssemblyReferences(packages.SelectMany(p => p.AssemblyPaths));
        foreach (var assembly in packages.SelectMany(p => p.AssemblyPaths))
        {
            _packageAssemblies.TryAdd(Path.GetFileNameWithoutExtension(assembly), assembly);
        }

        foreach (var package in packages)
        {
            var directory = Path.Combine(package.PackageRoot, "interactive-extensions", "dotnet");
            if (!Directory.Exists(directory))
            {
                continue;
            }

            foreach (var file in Directory.GetFiles(directory, "*.dll").Order(StringComparer.Ordinal))
            {
                if (_loadedExtensions.Add(file))
                {
                    await LoadExtensionAsync(file);
                }
            }
        }
    }

    private async Task LoadExtensionAsync(string file)
    {
        // As the stock host does: extensions go into the default load context.
        var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(file);
        var extensionTypes = assembly.GetExportedTypes()
            .Where(t => typeof(IKernelExtension).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false } && t.GetConstructor(Type.EmptyTypes) is not null);
        foreach (var type in extensionTypes)
        {
            var extension = (IKernelExtension)Activator.CreateInstance(type)!;
            await extension.OnLoadAsync(_root);
        }
    }

    /// <summary>
    /// Extensions load into the default context, whose probing knows nothing of package folders: answer their
    /// dependencies (e.g. Plotly.NET for Plotly.NET.Interactive) from the packages this session restored.
    /// </summary>
    private static void InstallPackageResolver(KernelSession session)
    {
        lock (ResolverGate)
        {
            _current = session;
            if (_resolverInstalled)
            {
                return;
            }

            AssemblyLoadContext.Default.Resolving += (context, name) =>
            {
                var current = _current;
                if (current is null || name.Name is null || name.Name == "FSharp.Core" ||
                    !current._packageAssemblies.TryGetValue(name.Name, out var path))
                {
                    return null;
                }

                var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => string.Equals(a.GetName().Name, name.Name, StringComparison.Ordinal));
                return loaded ?? context.LoadFromAssemblyPath(path);
            };
            _resolverInstalled = true;
        }
    }

    public void Dispose()
    {
        lock (ResolverGate)
        {
            if (_current == this)
            {
                _current = null;
            }
        }

        _root.Dispose();
    }
}
