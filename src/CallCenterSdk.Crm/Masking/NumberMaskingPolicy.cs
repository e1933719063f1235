namespace CallCenterSdk.Crm.Masking;

/// <summary>
/// The "number firewall": which roles see customer numbers masked, and how much stays visible.
/// Applied by the stores on every directory and CDR read path.
/// </summary>
public sealed class NumberMaskingPolicy
{
    private readonly HashSet<CrmRole> _maskedRoles;

    /// <summary>Creates a policy.</summary>
    /// <param name="maskedRoles">Roles that see masked numbers.</param>
    /// <param name="visibleTrailingDigits">How many trailing digits stay visible (0 to 6).</param>
    public NumberMaskingPolicy(IEnumerable<CrmRole> maskedRoles, int visibleTrailingDigits = 4)
    {
        ArgumentNullException.ThrowIfNull(maskedRoles);
        ArgumentOutOfRangeException.ThrowIfNegative(visibleTrailingDigits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(visibleTrailingDigits, 6);
        _maskedRoles = [.. maskedRoles];
        VisibleTrailingDigits = visibleTrailingDigits;
    }

    /// <summary>The default: agents and field staff see masked numbers, last 4 digits visible.</summary>
    public static NumberMaskingPolicy Default { get; } = new([CrmRole.Agent, CrmRole.FieldStaff]);

    /// <summary>No masking for anyone.</summary>
    public static NumberMaskingPolicy None { get; } = new([]);

    /// <summary>How many trailing digits stay visible.</summary>
    public int VisibleTrailingDigits { get; }

    /// <summary>Whether <paramref name="role"/> sees masked numbers.</summary>
    /// <param name="role">The reader's role.</param>
    /// <returns>True when numbers are masked for this role.</returns>
    public bool Masks(CrmRole role) => _maskedRoles.Contains(role);

    /// <summary>Returns <paramref name="number"/> as <paramref name="role"/> may see it.</summary>
    /// <param name="number">A number (normally E.164); null stays null.</param>
    /// <param name="role">The reader's role.</param>
    /// <returns>The number, or its masked form such as "+49******4567".</returns>
    public string? Apply(string? number, CrmRole role)
    {
        if (number is null || !Masks(role))
        {
            return number;
        }

        return Mask(number, VisibleTrailingDigits);
    }

    /// <summary>Masks every digit except the last <paramref name="visibleTrailingDigits"/>; '+' and separators stay.</summary>
    /// <param name="number">The number.</param>
    /// <param name="visibleTrailingDigits">Digits left visible at the end.</param>
    /// <returns>The masked number; numbers too short to keep a tail are masked entirely.</returns>
    public static string Mask(string number, int visibleTrailingDigits)
    {
        ArgumentNullException.ThrowIfNull(number);
        var digitCount = 0;
        foreach (var c in number)
        {
            if (char.IsAsciiDigit(c))
            {
                digitCount++;
            }
        }

        // Keep the tail only when at least as many digits stay hidden as are shown.
        var keep = digitCount >= 2 * visibleTrailingDigits ? visibleTrailingDigits : 0;
        return string.Create(number.Length, (number, digitCount - keep), static (span, state) =>
        {
            var toMask = state.Item2;
            for (var i = 0; i < span.Length; i++)
            {
                var c = state.number[i];
                if (char.IsAsciiDigit(c) && toMask > 0)
                {
                    span[i] = '*';
                    toMask--;
                }
                else
                {
                    span[i] = c;
                }
            }
        });
    }
}
