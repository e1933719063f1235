namespace CallCenterSdk.Media.Dtmf;

/// <summary>The DTMF keypad of ITU-T Q.23: each key is one low-group (row) and one high-group (column) frequency.</summary>
public static class DtmfFrequencies
{
    /// <summary>Low-group (row) frequencies in Hz.</summary>
    public static ReadOnlySpan<double> Rows => [697, 770, 852, 941];

    /// <summary>High-group (column) frequencies in Hz.</summary>
    public static ReadOnlySpan<double> Columns => [1209, 1336, 1477, 1633];

    /// <summary>The 16 keys in row-major order: 123A 456B 789C *0#D.</summary>
    public const string Keys = "123A456B789C*0#D";

    /// <summary>The key at a row and column (0-based).</summary>
    public static char KeyAt(int row, int column) => Keys[(row * 4) + column];

    /// <summary>Finds the row and column of a key (digits, *, #, A-D in any case).</summary>
    public static bool TryGetPosition(char key, out int row, out int column)
    {
        int index = Keys.IndexOf(char.ToUpperInvariant(key), StringComparison.Ordinal);
        row = index >= 0 ? index / 4 : -1;
        column = index >= 0 ? index % 4 : -1;
        return index >= 0;
    }

    /// <summary>The low and high frequency of a key.</summary>
    /// <exception cref="ArgumentException">The character is not a DTMF key.</exception>
    public static (double Low, double High) Of(char key) =>
        TryGetPosition(key, out int row, out int column)
            ? (Rows[row], Columns[column])
            : throw new ArgumentException($"'{key}' is not a DTMF key (0-9, *, #, A-D).", nameof(key));
}
