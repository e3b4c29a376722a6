using System.Runtime.InteropServices;

namespace MovieRec.Training;

/// <summary>
/// Recognises the failure of TorchSharp 0.107's implicit-Scalar race: a <c>Scalar</c> made implicitly from a
/// number (Adam's <c>1 − β</c>, the <c>alpha = 1</c> of <c>tensor + tensor</c>) has a finalizer and nothing keeps
/// it alive while the native call reads it, so a collection at that moment can free it mid-call. libtorch then
/// stops with <c>Expected false to be true</c> from <c>c10/core/Scalar.h</c> (its type tag is garbage). Upstream:
/// dotnet/TorchSharp pull requests 1434 and 1496 (open). See README, "Known TorchSharp 0.107 race".
/// </summary>
internal static class TorchScalarRace
{
    /// <summary>True for libtorch's Scalar check failure, which says nothing about the data or the model.</summary>
    public static bool Matches(ExternalException exception) =>
        exception.Message.Contains("c10/core/Scalar.h", StringComparison.Ordinal)
        && exception.Message.Contains("Expected false to be true", StringComparison.Ordinal);
}
