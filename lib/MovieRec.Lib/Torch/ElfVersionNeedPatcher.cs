using System.Buffers.Binary;
using System.Text;

namespace MovieRec.Torch;

/// <summary>What <see cref="ElfVersionNeedPatcher.MarkWeak"/> did.</summary>
public enum ElfPatchOutcome
{
    /// <summary>The requirement was strong and is now weak.</summary>
    Patched,

    /// <summary>The requirement was already weak (the file had been patched before).</summary>
    AlreadyWeak,
}

/// <summary>
/// Marks one symbol-version requirement of an ELF shared library as weak (VER_FLG_WEAK in the
/// Vernaux entry of <c>.gnu.version_r</c>), so the dynamic loader accepts a host library that lacks
/// that version. Why this exists: TorchSharp 0.107's libLibTorchSharp.so was built with GCC 13 and needs
/// GLIBCXX_3.4.32 only for <c>std::ios_base_library_init()</c>, a symbol GCC 13's &lt;iostream&gt; references
/// to force a new libstdc++ but that nothing calls; Debian 12's libstdc++ stops at GLIBCXX_3.4.30.
/// (See ../shared/notes/torchsharp-on-debian12.md.) The patcher refuses anything else: it checks that
/// the file is a 64-bit little-endian ELF and that every dynamic symbol bound to the version is one of
/// the symbols the caller declares harmless.
/// </summary>
public static class ElfVersionNeedPatcher
{
    private const uint ShtDynsym = 11;
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const uint ShtGnuVersym = 0x6fffffff;
    private const ushort VerFlagWeak = 0x2;

    /// <summary>
    /// Sets the weak flag on the requirement of <paramref name="version"/> from <paramref name="library"/>
    /// in <paramref name="image"/> (the whole file's bytes, changed in place).
    /// </summary>
    /// <param name="image">The file's bytes.</param>
    /// <param name="library">The needed library, e.g. "libstdc++.so.6".</param>
    /// <param name="version">The version node, e.g. "GLIBCXX_3.4.32".</param>
    /// <param name="allowedSymbols">The only dynamic symbols that may be bound to that version.</param>
    /// <param name="fileName">Used in error messages.</param>
    /// <exception cref="InvalidDataException">The file is not what was expected; nothing was changed.</exception>
    public static ElfPatchOutcome MarkWeak(Span<byte> image, string library, string version, IReadOnlyCollection<string> allowedSymbols, string fileName)
    {
        ArgumentNullException.ThrowIfNull(allowedSymbols);
        var elf = new ElfView(image, fileName);
        var verneed = elf.FindSection(ShtGnuVerneed)
            ?? throw elf.Error("it has no .gnu.version_r (version needs) section");
        var strings = elf.Section(verneed.Link);

        int? auxOffset = null;
        ushort versionIndex = 0;
        var entryOffset = checked((int)verneed.Offset);
        for (var entry = 0; entry < verneed.Info; entry++)
        {
            var count = elf.U16(entryOffset + 2);
            var file = elf.String(strings, elf.U32(entryOffset + 4));
            var aux = entryOffset + (int)elf.U32(entryOffset + 8);
            for (var a = 0; a < count; a++)
            {
                if (file == library && elf.String(strings, elf.U32(aux + 8)) == version)
                {
                    auxOffset = aux;
                    versionIndex = elf.U16(aux + 6);
                }

                aux += (int)elf.U32(aux + 12);
            }

            entryOffset += (int)elf.U32(entryOffset + 12);
        }

        if (auxOffset is not { } found)
        {
            throw elf.Error($"it does not require {version} from {library}");
        }

        CheckOnlyAllowedSymbolsUseVersion(elf, versionIndex, version, allowedSymbols);

        var flags = elf.U16(found + 4);
        if ((flags & VerFlagWeak) != 0)
        {
            return ElfPatchOutcome.AlreadyWeak;
        }

        BinaryPrimitives.WriteUInt16LittleEndian(image.Slice(found + 4, 2), (ushort)(flags | VerFlagWeak));
        return ElfPatchOutcome.Patched;
    }

    private static void CheckOnlyAllowedSymbolsUseVersion(ElfView elf, ushort versionIndex, string version, IReadOnlyCollection<string> allowedSymbols)
    {
        var versym = elf.FindSection(ShtGnuVersym) ?? throw elf.Error("it has no .gnu.version section");
        var dynsym = elf.FindSection(ShtDynsym) ?? throw elf.Error("it has no .dynsym section");
        var names = elf.Section(dynsym.Link);
        var symbolCount = (int)(dynsym.Size / 24);
        for (var i = 0; i < symbolCount; i++)
        {
            // Bit 15 of a versym entry is the "hidden" flag; the low 15 bits are the version index.
            var index = elf.U16((int)versym.Offset + (2 * i)) & 0x7fff;
            if (index != versionIndex)
            {
                continue;
            }

            var name = elf.String(names, elf.U32((int)dynsym.Offset + (24 * i)));
            if (!allowedSymbols.Contains(name))
            {
                throw elf.Error($"symbol '{name}' needs {version}; making that requirement weak would not be safe");
            }
        }
    }

    private readonly record struct SectionHeader(uint Type, ulong Offset, ulong Size, uint Link, uint Info);

    /// <summary>Bounds-checked reads over a 64-bit little-endian ELF image.</summary>
    private readonly ref struct ElfView
    {
        private readonly Span<byte> _image;
        private readonly string _fileName;
        private readonly ulong _sectionTable;
        private readonly int _sectionCount;

        public ElfView(Span<byte> image, string fileName)
        {
            _image = image;
            _fileName = fileName;
            if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
            {
                throw Error("it is not an ELF file");
            }

            if (image[4] != 2 || image[5] != 1)
            {
                throw Error("it is not a 64-bit little-endian ELF file");
            }

            _sectionTable = BinaryPrimitives.ReadUInt64LittleEndian(image.Slice(0x28, 8));
            _sectionCount = BinaryPrimitives.ReadUInt16LittleEndian(image.Slice(0x3c, 2));
            if (BinaryPrimitives.ReadUInt16LittleEndian(image.Slice(0x3a, 2)) != 64 || _sectionCount == 0 ||
                _sectionTable + ((ulong)_sectionCount * 64) > (ulong)image.Length)
            {
                throw Error("its section header table is missing or truncated");
            }
        }

        public InvalidDataException Error(string problem) =>
            new($"Cannot patch '{_fileName}': {problem}. The file is not the TorchSharp native library this project knows how to fix.");

        public ushort U16(int offset) => offset >= 0 && offset + 2 <= _image.Length
            ? BinaryPrimitives.ReadUInt16LittleEndian(_image.Slice(offset, 2))
            : throw Error($"a read at offset {offset} falls outside the file");

        public uint U32(int offset) => offset >= 0 && offset + 4 <= _image.Length
            ? BinaryPrimitives.ReadUInt32LittleEndian(_image.Slice(offset, 4))
            : throw Error($"a read at offset {offset} falls outside the file");

        public SectionHeader Section(uint index)
        {
            if (index >= _sectionCount)
            {
                throw Error($"section index {index} is out of range");
            }

            var header = _image.Slice(checked((int)(_sectionTable + (index * 64UL))), 64);
            var section = new SectionHeader(
                BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(4, 4)),
                BinaryPrimitives.ReadUInt64LittleEndian(header.Slice(24, 8)),
                BinaryPrimitives.ReadUInt64LittleEndian(header.Slice(32, 8)),
                BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(40, 4)),
                BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(44, 4)));
            if (section.Offset + section.Size > (ulong)_image.Length)
            {
                throw Error($"section {index} extends past the end of the file");
            }

            return section;
        }

        public SectionHeader? FindSection(uint type)
        {
            for (var i = 0u; i < _sectionCount; i++)
            {
                var section = Section(i);
                if (section.Type == type)
                {
                    return section;
                }
            }

            return null;
        }

        public string String(SectionHeader table, uint offset)
        {
            if (offset >= table.Size)
            {
                throw Error($"a string offset {offset} is outside its string table");
            }

            var start = _image.Slice(checked((int)(table.Offset + offset)), checked((int)(table.Size - offset)));
            var end = start.IndexOf((byte)0);
            return Encoding.ASCII.GetString(end < 0 ? start : start[..end]);
        }
    }
}
