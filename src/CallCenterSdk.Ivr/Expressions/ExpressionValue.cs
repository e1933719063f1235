using System.Globalization;

namespace CallCenterSdk.Ivr.Expressions;

/// <summary>The kind of an <see cref="ExpressionValue"/>.</summary>
public enum ExpressionValueKind
{
    /// <summary>No value (an unset variable or the literal <c>null</c>).</summary>
    Null,
    /// <summary>A boolean.</summary>
    Boolean,
    /// <summary>A decimal number (no binary floating point, so money and digits stay exact).</summary>
    Number,
    /// <summary>A string of UTF-16 characters.</summary>
    String,
}

/// <summary>
/// A value of the IVR expression language and of flow variables: null, boolean, decimal number or string.
/// Digits collected from the caller are strings; comparisons convert numeric strings to numbers.
/// </summary>
public readonly struct ExpressionValue : IEquatable<ExpressionValue>
{
    private readonly decimal _number;
    private readonly string? _string;
    private readonly bool _boolean;

    private ExpressionValue(ExpressionValueKind kind, decimal number, string? text, bool boolean)
    {
        Kind = kind;
        _number = number;
        _string = text;
        _boolean = boolean;
    }

    /// <summary>The null value.</summary>
    public static ExpressionValue Null => default;

    /// <summary>The kind of this value.</summary>
    public ExpressionValueKind Kind { get; }

    /// <summary>True when this is the null value.</summary>
    public bool IsNull => Kind == ExpressionValueKind.Null;

    /// <summary>Creates a boolean value.</summary>
    public static ExpressionValue FromBoolean(bool value) => new(ExpressionValueKind.Boolean, 0, null, value);

    /// <summary>Creates a number value.</summary>
    public static ExpressionValue FromNumber(decimal value) => new(ExpressionValueKind.Number, value, null, false);

    /// <summary>Creates a string value; a null string gives the null value.</summary>
    public static ExpressionValue FromString(string? value) =>
        value is null ? Null : new(ExpressionValueKind.String, 0, value, false);

    /// <summary>The boolean, when <see cref="Kind"/> is <see cref="ExpressionValueKind.Boolean"/>.</summary>
    public bool AsBoolean => Kind == ExpressionValueKind.Boolean ? _boolean
        : throw new InvalidOperationException($"The value is a {Kind}, not a Boolean.");

    /// <summary>The number, when <see cref="Kind"/> is <see cref="ExpressionValueKind.Number"/>.</summary>
    public decimal AsNumber => Kind == ExpressionValueKind.Number ? _number
        : throw new InvalidOperationException($"The value is a {Kind}, not a Number.");

    /// <summary>The string, when <see cref="Kind"/> is <see cref="ExpressionValueKind.String"/>.</summary>
    public string AsString => Kind == ExpressionValueKind.String ? _string!
        : throw new InvalidOperationException($"The value is a {Kind}, not a String.");

    /// <summary>
    /// Truthiness used by conditions: false, null, 0 and the empty string are false; everything else is true.
    /// </summary>
    public bool IsTruthy => Kind switch
    {
        ExpressionValueKind.Boolean => _boolean,
        ExpressionValueKind.Number => _number != 0,
        ExpressionValueKind.String => _string!.Length != 0,
        _ => false,
    };

    /// <summary>Tries to read this value as a number (numbers, and strings holding an invariant-culture decimal).</summary>
    public bool TryGetNumber(out decimal number)
    {
        switch (Kind)
        {
            case ExpressionValueKind.Number:
                number = _number;
                return true;
            case ExpressionValueKind.String:
                return decimal.TryParse(_string, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                    CultureInfo.InvariantCulture, out number);
            default:
                number = 0;
                return false;
        }
    }

    /// <summary>The value as text: "" for null, "true"/"false", invariant-culture numbers.</summary>
    public override string ToString() => Kind switch
    {
        ExpressionValueKind.Boolean => _boolean ? "true" : "false",
        ExpressionValueKind.Number => _number.ToString(CultureInfo.InvariantCulture),
        ExpressionValueKind.String => _string!,
        _ => string.Empty,
    };

    /// <inheritdoc />
    public bool Equals(ExpressionValue other) => Kind == other.Kind && Kind switch
    {
        ExpressionValueKind.Boolean => _boolean == other._boolean,
        ExpressionValueKind.Number => _number == other._number,
        ExpressionValueKind.String => string.Equals(_string, other._string, StringComparison.Ordinal),
        _ => true,
    };

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ExpressionValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Kind switch
    {
        ExpressionValueKind.Boolean => _boolean.GetHashCode(),
        ExpressionValueKind.Number => _number.GetHashCode(),
        ExpressionValueKind.String => StringComparer.Ordinal.GetHashCode(_string!),
        _ => 0,
    };

    /// <summary>Structural equality.</summary>
    public static bool operator ==(ExpressionValue left, ExpressionValue right) => left.Equals(right);

    /// <summary>Structural inequality.</summary>
    public static bool operator !=(ExpressionValue left, ExpressionValue right) => !left.Equals(right);
}
