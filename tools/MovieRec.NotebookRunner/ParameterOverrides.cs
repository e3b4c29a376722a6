using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp;

namespace MovieRec.NotebookRunner;

/// <summary>
/// Turns command-line overrides (NAME=VALUE) into C# that redeclares the notebook's parameters, submitted right
/// after the cell tagged "parameters" (papermill's convention). C# script lets a later submission redeclare a
/// name, even a const, and later cells bind to the newest declaration.
/// <para>
/// The type of each parameter is read from its declaration in the parameters cell, so "EPOCHS=2" becomes
/// <c>const int EPOCHS = 2;</c> and "DATASET=ml-25m" becomes <c>const string DATASET = "ml-25m";</c>. A value
/// that does not parse as the declared type is an error naming the parameter, never a silent default.
/// </para>
/// </summary>
public static partial class ParameterOverrides
{
    /// <summary>The papermill tag of the cell whose declarations can be overridden.</summary>
    public const string ParametersTag = "parameters";

    /// <summary>The tag of the cell the runner inserts after it.</summary>
    public const string InjectedTag = "injected-parameters";

    // const int EPOCHS = 10;   var DATASET = "ml-latest-small";   static readonly double[] RATES = [..];
    [GeneratedRegex(@"^[ \t]*(?<modifiers>(?:(?:const|static|readonly)\s+)*)(?<type>[A-Za-z_][\w.]*(?:<[^=;]*?>)?(?:\[\])*\??)\s+(?<name>[A-Z][A-Z0-9_]*)\s*=\s*(?<value>[^;]*);",
        RegexOptions.Multiline)]
    private static partial Regex DeclarationPattern();

    /// <summary>A parameter declared in a parameters cell.</summary>
    /// <param name="Name">UPPER_CASE name.</param>
    /// <param name="Type">Declared type as written ("var" when inferred).</param>
    /// <param name="IsConst">Declared with const.</param>
    /// <param name="DefaultValue">The initializer as written.</param>
    public sealed record Declaration(string Name, string Type, bool IsConst, string DefaultValue);

    /// <summary>Parses "NAME=VALUE" arguments; throws <see cref="ArgumentException"/> for a malformed one.</summary>
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var assignment in assignments)
        {
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? assignment[..equals].Trim() : string.Empty;
            if (name.Length == 0 || !Regex.IsMatch(name, "^[A-Za-z_][A-Za-z0-9_]*$"))
            {
                throw new ArgumentException($"'{assignment}' is not NAME=VALUE with a C# identifier as NAME.", nameof(assignments));
            }

            result[name] = assignment[(equals + 1)..];
        }

        return result;
    }

    /// <summary>The UPPER_CASE declarations found in a parameters cell's source.</summary>
    public static IReadOnlyList<Declaration> FindDeclarations(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return DeclarationPattern().Matches(source)
            .Select(m => new Declaration(m.Groups["name"].Value, m.Groups["type"].Value,
                m.Groups["modifiers"].Value.Contains("const", StringComparison.Ordinal), m.Groups["value"].Value.Trim()))
            .ToArray();
    }

    /// <summary>
    /// C# redeclaring each overridden parameter that <paramref name="declarations"/> contains, one per line, and the
    /// names that were not declared there (the caller decides whether that is an error).
    /// </summary>
    public static (string Code, IReadOnlyList<string> Unknown) ToCode(IReadOnlyList<Declaration> declarations, IReadOnlyDictionary<string, string> overrides, string notebookName)
    {
        var code = new StringBuilder("// Parameters injected by the headless runner (movierec notebooks --param).\n");
        var unknown = new List<string>();
        foreach (var (name, value) in overrides)
        {
            var declaration = declarations.LastOrDefault(d => d.Name == name);
            if (declaration is null)
            {
                unknown.Add(name);
                continue;
            }

            var type = declaration.Type == "var" ? InferType(declaration.DefaultValue) : declaration.Type;
            var literal = ToLiteral(type, value, name, notebookName);
            var keyword = declaration.IsConst ? "const " : string.Empty;
            code.Append(CultureInfo.InvariantCulture, $"{keyword}{(declaration.Type == "var" && !declaration.IsConst ? "var" : type)} {name} = {literal};\n");
        }

        return (code.ToString(), unknown);
    }

    private static string InferType(string initializer) => initializer switch
    {
        _ when initializer.StartsWith('"') || initializer.StartsWith("@\"", StringComparison.Ordinal) => "string",
        "true" or "false" => "bool",
        _ when int.TryParse(initializer, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) => "int",
        _ when initializer.EndsWith('f') || initializer.EndsWith('F') => "float",
        _ when double.TryParse(initializer, NumberStyles.Float, CultureInfo.InvariantCulture, out _) => "double",
        _ => "object",
    };

    private static string ToLiteral(string type, string value, string name, string notebookName)
    {
        var trimmed = value.Trim();
        string Fail(string what) => throw new ArgumentException(
            $"Parameter {name} of notebook {notebookName} is {type}: '{value}' is not {what}.", nameof(value));

        switch (type.TrimEnd('?'))
        {
            case "string" or "String":
                // Accept an already quoted C# string as written; otherwise quote and escape the raw text.
                return trimmed.Length >= 2 && trimmed[0] == '"' && trimmed[^1] == '"'
                    ? trimmed
                    : SymbolDisplay.FormatLiteral(value, quote: true);
            case "int" or "long" or "short" or "byte" or "Int32" or "Int64":
                return long.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer)
                    ? integer.ToString(CultureInfo.InvariantCulture) + (type.StartsWith("long", StringComparison.Ordinal) ? "L" : string.Empty)
                    : Fail("an integer");
            case "double" or "Double":
                return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real)
                    ? real.ToString("R", CultureInfo.InvariantCulture)
                    : Fail("a finite number");
            case "float" or "Single":
                return float.TryParse(trimmed.TrimEnd('f', 'F'), NumberStyles.Float, CultureInfo.InvariantCulture, out var single) && float.IsFinite(single)
                    ? single.ToString("R", CultureInfo.InvariantCulture) + "f"
                    : Fail("a finite number");
            case "decimal" or "Decimal":
                return decimal.TryParse(trimmed.TrimEnd('m', 'M'), NumberStyles.Float, CultureInfo.InvariantCulture, out var money)
                    ? money.ToString(CultureInfo.InvariantCulture) + "m"
                    : Fail("a decimal number");
            case "bool" or "Boolean":
                return bool.TryParse(trimmed, out var flag) ? (flag ? "true" : "false") : Fail("true or false");
            default:
                // Any other type (arrays, enums, records): the value is a C# expression, compiled as written.
                return trimmed.Length > 0 ? trimmed : Fail("a C# expression");
        }
    }
}
