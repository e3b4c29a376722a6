using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Security.Cryptography;
using TorchSharp;

namespace MovieRec.Torch;

/// <summary>
/// Makes TorchSharp's native library load on every supported host with no manual step.
/// <para>
/// On hosts whose libstdc++ has GLIBCXX_3.4.32 (Ubuntu 24.04, Debian 13, …) TorchSharp loads as shipped
/// and this class does nothing. On Debian 12 the shipped libLibTorchSharp.so is refused by the loader
/// (see <see cref="ElfVersionNeedPatcher"/> for why); then a patched copy is written once to a per-user
/// cache folder — never into the NuGet cache — and handed to the runtime when TorchSharp asks for
/// "LibTorchSharp". It hooks <see cref="AssemblyLoadContext.ResolvingUnmanagedDll"/>, which the runtime
/// raises only after its own probing failed, for P/Invoke and <c>NativeLibrary.TryLoad</c> alike, so it
/// serves <c>dotnet test</c>, console apps and notebooks (which load assemblies from other folders).
/// </para>
/// The hook is registered by a module initializer, so touching any MovieRec type is enough; call
/// <see cref="EnsureLoaded"/> to load eagerly and get a clear error instead of TorchSharp's generic one.
/// </summary>
public static class TorchNative
{
    private const string ShimFileName = "libLibTorchSharp.so";
    private const string MissingVersion = "GLIBCXX_3.4.32";
    private static readonly string[] HarmlessSymbols = ["_ZSt21ios_base_library_initv"];
    private static readonly string[] LibTorchFiles = ["libc10.so", "libtorch_cpu.so", "libtorch.so"];
    private static readonly Lock Gate = new();
    private static IntPtr _shimHandle;
    private static bool _registered;

    /// <summary>How the native library was obtained, once it was: for diagnostics and tests.</summary>
    public static string? LoadDescription { get; private set; }

#pragma warning disable CA2255 // A module initializer is the one hook that runs before TorchSharp in every host.
    [ModuleInitializer]
    internal static void RegisterOnModuleLoad() => Register();
#pragma warning restore CA2255

    /// <summary>Registers the resolving hook (idempotent). Done automatically when the library loads.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered || !OperatingSystem.IsLinux())
            {
                return;
            }

            AssemblyLoadContext.Default.ResolvingUnmanagedDll += OnResolvingUnmanagedDll;
            var own = AssemblyLoadContext.GetLoadContext(typeof(TorchNative).Assembly);
            if (own is not null && own != AssemblyLoadContext.Default)
            {
                own.ResolvingUnmanagedDll += OnResolvingUnmanagedDll;
            }

            _registered = true;
        }
    }

    /// <summary>
    /// Loads TorchSharp's native backend now and runs a tiny computation, throwing a clear
    /// <see cref="InvalidOperationException"/> (with every path tried) when that is impossible.
    /// </summary>
    public static void EnsureLoaded()
    {
        Register();
        if (OperatingSystem.IsLinux())
        {
            LoadShim();
        }

        torch.InitializeDeviceType(DeviceType.CPU);
        using var probe = torch.ones(1);
        if (probe.sum().item<float>() != 1f)
        {
            throw new InvalidOperationException("TorchSharp loaded but computed a wrong result for ones(1).sum().");
        }
    }

    private static IntPtr OnResolvingUnmanagedDll(Assembly assembly, string name)
    {
        if (assembly != typeof(torch).Assembly || !(name is "LibTorchSharp" or ShimFileName))
        {
            return IntPtr.Zero;
        }

        return LoadShim();
    }

    private static IntPtr LoadShim()
    {
        lock (Gate)
        {
            if (_shimHandle != IntPtr.Zero)
            {
                return _shimHandle;
            }

            var searched = CandidateDirectories().ToList();
            var shimDirectory = searched.FirstOrDefault(d => File.Exists(Path.Combine(d, ShimFileName)))
                ?? throw new InvalidOperationException(
                    $"TorchSharp's native library {ShimFileName} was not found. Searched:\n  " + string.Join("\n  ", searched) +
                    "\nRestore the solution (dotnet restore) so the TorchSharp-cpu package is in the NuGet cache.");
            var libTorchDirectory = searched.FirstOrDefault(d => File.Exists(Path.Combine(d, "libtorch_cpu.so")))
                ?? throw new InvalidOperationException(
                    "libtorch_cpu.so (package libtorch-cpu-linux-x64) was not found. Searched:\n  " + string.Join("\n  ", searched));

            // The shim finds libtorch through RUNPATH=$ORIGIN; a copy elsewhere finds them by soname once loaded.
            foreach (var file in LibTorchFiles)
            {
                NativeLibrary.Load(Path.Combine(libTorchDirectory, file));
            }

            var original = Path.Combine(shimDirectory, ShimFileName);
            try
            {
                _shimHandle = NativeLibrary.Load(original);
                LoadDescription = $"loaded as shipped from {original}";
            }
            catch (DllNotFoundException ex) when (ex.Message.Contains(MissingVersion, StringComparison.Ordinal))
            {
                var patched = PatchedCopy(original);
                try
                {
                    _shimHandle = NativeLibrary.Load(patched);
                }
                catch (DllNotFoundException again)
                {
                    throw new InvalidOperationException(
                        $"TorchSharp's native library needs {MissingVersion}, which this host's libstdc++ lacks, and the patched copy " +
                        $"{patched} did not load either: {again.Message}", again);
                }

                LoadDescription = $"this host's libstdc++ lacks {MissingVersion}: loaded patched copy {patched} of {original}";
            }

            return _shimHandle;
        }
    }

    /// <summary>
    /// Returns the path of a patched copy of <paramref name="original"/> in the per-user cache, writing it
    /// atomically on first use. The folder is keyed by the original's SHA-256, so a TorchSharp upgrade gets
    /// a fresh copy and concurrent processes never see a half-written file.
    /// </summary>
    internal static string PatchedCopy(string original, string? cacheRoot = null)
    {
        var bytes = File.ReadAllBytes(original);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
        var directory = Path.Combine(cacheRoot ?? DefaultCacheRoot(), "torchsharp-native", hash);
        var target = Path.Combine(directory, ShimFileName);
        if (File.Exists(target))
        {
            return target;
        }

        ElfVersionNeedPatcher.MarkWeak(bytes, "libstdc++.so.6", MissingVersion, HarmlessSymbols, original);
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{ShimFileName}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, target, overwrite: true);
        return target;
    }

    private static string DefaultCacheRoot()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrEmpty(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "movierec");
    }

    /// <summary>Where TorchSharp's natives can be: beside TorchSharp.dll (build output, RID-specific publish,
    /// TorchSharp's own consolidated cpu/ folder), the runtime's native search paths, and the NuGet packages.</summary>
    private static IEnumerable<string> CandidateDirectories()
    {
        var torchSharpDirectory = Path.GetDirectoryName(typeof(torch).Assembly.Location);
        if (!string.IsNullOrEmpty(torchSharpDirectory))
        {
            yield return torchSharpDirectory;
            yield return Path.Combine(torchSharpDirectory, "runtimes", "linux-x64", "native");
            yield return Path.Combine(torchSharpDirectory, "cpu");
            // Loaded straight from the package: .../torchsharp/<version>/lib/<tfm>/TorchSharp.dll
            yield return Path.GetFullPath(Path.Combine(torchSharpDirectory, "..", "..", "runtimes", "linux-x64", "native"));
        }

        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string searchDirectories)
        {
            foreach (var directory in searchDirectories.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                yield return directory.TrimEnd(Path.DirectorySeparatorChar);
            }
        }

        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrEmpty(packages))
        {
            packages = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        }

        var version = typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];
        if (version is not null)
        {
            yield return Path.Combine(packages, "torchsharp", version, "runtimes", "linux-x64", "native");
        }

        var libTorch = Path.Combine(packages, "libtorch-cpu-linux-x64");
        if (Directory.Exists(libTorch))
        {
            foreach (var versionDirectory in Directory.GetDirectories(libTorch).OrderDescending(StringComparer.Ordinal))
            {
                yield return Path.Combine(versionDirectory, "runtimes", "linux-x64", "native");
            }
        }
    }
}
