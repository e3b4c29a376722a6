using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using Cloud.Unum.USearch;
using Microsoft.Win32.SafeHandles;

namespace MovieRec.Retrieval;

/// <summary>
/// The slice of USearch's C API (libusearch_c, shipped in the Cloud.Unum.USearch package) that
/// <see cref="ApproximateIndex"/> needs, with the package's own <see cref="MetricKind"/> and <see cref="ScalarKind"/>.
/// </summary>
/// <remarks>
/// <para>Why not the package's managed <c>USearchIndex</c> class: in 2.26.6 it cannot change
/// <c>expansion_search</c> after construction (a loaded index silently gets the default 64, so a saved index
/// would search differently after loading), it cannot set the number of concurrent search contexts, it does not
/// report memory usage, and <c>Add</c> reserves capacity one vector at a time. The native library exports all of
/// that (<c>usearch_change_expansion_search</c>, <c>usearch_change_threads_search</c>, <c>usearch_memory_usage</c>);
/// these declarations follow <c>c/usearch.h</c> of the same release.</para>
/// <para>Loading. The runtime finds libusearch_c.so (and its dependency libnumkong.so, through RUNPATH=$ORIGIN)
/// in the app's runtimes/linux-x64/native folder. Hosts that load MovieRec.Lib.dll from a folder without that
/// layout (notebooks) fall back to the handler below, which looks beside the assembly and in the NuGet cache.
/// On Debian 12 the shipped binary loads as is: it needs GLIBCXX ≤ 3.4.29, GLIBC ≤ 2.34 and libgomp.so.1
/// (Debian package libgomp1); unlike TorchSharp's shim, no patching is needed (see docs/retrieval.md).</para>
/// </remarks>
internal static partial class USearchNative
{
    private const string Library = "libusearch_c";
    private const string PackageVersion = "2.26.6";

    static USearchNative()
    {
        AssemblyLoadContext.Default.ResolvingUnmanagedDll += Resolve;
        var own = AssemblyLoadContext.GetLoadContext(typeof(USearchNative).Assembly);
        if (own is not null && own != AssemblyLoadContext.Default)
        {
            own.ResolvingUnmanagedDll += Resolve;
        }
    }

    /// <summary>Layout of <c>usearch_init_options_t</c> (C <c>bool</c> is one byte, hence <see cref="Multi"/> as a byte).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct InitOptions
    {
        public MetricKind MetricKind;
        public nint Metric;
        public ScalarKind Quantization;
        public nuint Dimensions;
        public nuint Connectivity;
        public nuint ExpansionAdd;
        public nuint ExpansionSearch;
        public byte Multi;
    }

    /// <summary>Owns one native index; <c>usearch_free</c> runs exactly once, also from the finalizer.</summary>
    internal sealed class IndexHandle : SafeHandleZeroOrMinusOneIsInvalid
    {
        public IndexHandle()
            : base(ownsHandle: true)
        {
        }

        protected override bool ReleaseHandle()
        {
            usearch_free(handle, out _);
            return true;
        }
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> with USearch's message when <paramref name="error"/> is set.</summary>
    public static void Check(nint error, string operation)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"USearch {operation} failed: {Marshal.PtrToStringUTF8(error)}");
        }
    }

    /// <summary>Creates an index; the caller owns the handle.</summary>
    public static unsafe IndexHandle Create(InitOptions options)
    {
        var pointer = usearch_init(&options, out var error);
        var handle = new IndexHandle();
        Marshal.InitHandle(handle, pointer);
        if (error != 0)
        {
            handle.Dispose();
            Check(error, "init");
        }

        return handle;
    }

    /// <summary>Reads the metric, scalar kind, dimensions and multi flag from an index file's header.</summary>
    public static unsafe InitOptions Metadata(string path, out nint error)
    {
        var options = default(InitOptions);
        usearch_metadata(path, &options, out error);
        return options;
    }

    /// <summary>The version string of the loaded native library, e.g. "2.26.6".</summary>
    public static string Version() => Marshal.PtrToStringUTF8(usearch_version()) ?? "unknown";

    [LibraryImport(Library)]
    private static partial nint usearch_version();

    [LibraryImport(Library)]
    private static partial nint usearch_hardware_acceleration(IndexHandle index, out nint error);

    /// <summary>The SIMD kernel family USearch picked for this index's metric on this CPU, e.g. "skylake" or "serial".</summary>
    public static string HardwareAcceleration(IndexHandle index)
    {
        var name = usearch_hardware_acceleration(index, out var error);
        Check(error, "hardware_acceleration");
        return Marshal.PtrToStringUTF8(name) ?? "unknown";
    }

    [LibraryImport(Library)]
    private static unsafe partial nint usearch_init(InitOptions* options, out nint error);

    [LibraryImport(Library)]
    private static partial void usearch_free(nint index, out nint error);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void usearch_save(IndexHandle index, string path, out nint error);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void usearch_load(IndexHandle index, string path, out nint error);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial void usearch_metadata(string path, InitOptions* options, out nint error);

    [LibraryImport(Library)]
    public static partial nuint usearch_size(IndexHandle index, out nint error);

    [LibraryImport(Library)]
    public static partial nuint usearch_dimensions(IndexHandle index, out nint error);

    [LibraryImport(Library)]
    public static partial nuint usearch_connectivity(IndexHandle index, out nint error);

    [LibraryImport(Library)]
    public static partial nuint usearch_expansion_add(IndexHandle index, out nint error);

    [LibraryImport(Library)]
    public static partial nuint usearch_memory_usage(IndexHandle index, out nint error);

    [LibraryImport(Library)]
    public static partial void usearch_reserve(IndexHandle index, nuint capacity, out nint error);

    [LibraryImport(Library)]
    public static partial void usearch_change_expansion_search(IndexHandle index, nuint expansion, out nint error);

    [LibraryImport(Library)]
    public static partial void usearch_change_threads_add(IndexHandle index, nuint threads, out nint error);

    [LibraryImport(Library)]
    public static partial void usearch_change_threads_search(IndexHandle index, nuint threads, out nint error);

    [LibraryImport(Library)]
    public static unsafe partial void usearch_add(IndexHandle index, ulong key, float* vector, ScalarKind kind, out nint error);

    [LibraryImport(Library)]
    public static unsafe partial nuint usearch_search(
        IndexHandle index, float* query, ScalarKind kind, nuint count, ulong* keys, float* distances, out nint error);

    /// <summary>Like <see cref="usearch_search"/>, but only keys for which <paramref name="filter"/> returns non-zero can be results
    /// (the graph still walks through the others).</summary>
    [LibraryImport(Library)]
    public static unsafe partial nuint usearch_filtered_search(
        IndexHandle index, float* query, ScalarKind kind, nuint count, delegate* unmanaged<ulong, void*, int> filter, void* filterState,
        ulong* keys, float* distances, out nint error);

    [LibraryImport(Library)]
    public static unsafe partial nuint usearch_get(IndexHandle index, ulong key, nuint count, float* vector, ScalarKind kind, out nint error);

    /// <summary>Runs only after the runtime's own probing failed: beside the assembly, then the NuGet cache.</summary>
    private static nint Resolve(Assembly assembly, string name)
    {
        if (assembly != typeof(USearchNative).Assembly || !name.StartsWith(Library, StringComparison.Ordinal) || !OperatingSystem.IsLinux())
        {
            return 0;
        }

        foreach (var directory in CandidateDirectories())
        {
            var path = Path.Combine(directory, Library + ".so");
            if (File.Exists(path) && NativeLibrary.TryLoad(path, out var handle))
            {
                return handle;
            }
        }

        return 0;
    }

    private static IEnumerable<string> CandidateDirectories()
    {
        var rid = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        var here = Path.GetDirectoryName(typeof(USearchNative).Assembly.Location);
        if (!string.IsNullOrEmpty(here))
        {
            yield return here;
            yield return Path.Combine(here, "runtimes", rid, "native");
        }

        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrEmpty(packages))
        {
            packages = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        }

        yield return Path.Combine(packages, "cloud.unum.usearch", PackageVersion, "runtimes", rid, "native");
    }
}
