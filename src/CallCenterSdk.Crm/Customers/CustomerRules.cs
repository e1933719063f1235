using System.Globalization;
using CallCenterSdk.Crm.Phones;

namespace CallCenterSdk.Crm.Customers;

/// <summary>
/// Validates and normalises customer data before any store writes it, so every implementation
/// rejects the same input with the same reasons.
/// </summary>
internal static class CustomerRules
{
    public const int MaxNameLength = 200;
    public const int MaxTextFieldLength = 2000;
    public const int MaxPhoneNumbers = 10;

    /// <summary>A draft after validation: E.164 numbers (distinct) and canonical field values.</summary>
    public sealed record Normalized(string Name, string? Company, string? Email, IReadOnlyList<string> Phones, IReadOnlyDictionary<string, string> Fields);

    public static void ValidateDefinition(CustomFieldDefinition field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (!IsFieldName(field.Name))
        {
            throw new CrmValidationException("field.name", $"'{field.Name}' must be 1 to 64 letters, digits or '_' starting with a letter");
        }

        if (!Enum.IsDefined(field.Type))
        {
            throw new CrmValidationException("field.type", $"unknown type {(int)field.Type}");
        }
    }

    public static Normalized Normalize(CustomerDraft draft, DialPlan plan, IReadOnlyList<CustomFieldDefinition> definitions)
    {
        var errors = Check(draft, plan, definitions, out var normalized);
        return errors.Count == 0 ? normalized! : throw new CrmValidationException(errors[0].Field, errors[0].Reason);
    }

    /// <summary>Collects every problem of a draft (the import report lists them all, not just the first).</summary>
    public static List<(string Field, string Reason)> Check(CustomerDraft draft, DialPlan plan, IReadOnlyList<CustomFieldDefinition> definitions, out Normalized? normalized)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new List<(string, string)>();
        normalized = null;
        var name = draft.Name?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            errors.Add(("name", "is required"));
        }
        else if (name.Length > MaxNameLength)
        {
            errors.Add(("name", $"is longer than {MaxNameLength} characters"));
        }

        var email = string.IsNullOrWhiteSpace(draft.Email) ? null : draft.Email.Trim();
        if (email is not null && (email.Length > 254 || email.IndexOf('@', StringComparison.Ordinal) is <= 0 || email.EndsWith('@') || email.Contains(' ', StringComparison.Ordinal)))
        {
            errors.Add(("email", $"'{email}' is not an e-mail address"));
        }

        var company = string.IsNullOrWhiteSpace(draft.Company) ? null : draft.Company.Trim();
        if (company is { Length: > MaxNameLength })
        {
            errors.Add(("company", $"is longer than {MaxNameLength} characters"));
        }

        var phones = new List<string>();
        var input = draft.PhoneNumbers ?? [];
        if (input.Count > MaxPhoneNumbers)
        {
            errors.Add(("phone", $"at most {MaxPhoneNumbers} numbers per customer"));
        }

        for (var i = 0; i < input.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(input[i]))
            {
                continue;
            }

            if (E164.TryNormalize(input[i], plan, out var e164, out var error))
            {
                if (!phones.Contains(e164))
                {
                    phones.Add(e164);
                }
            }
            else
            {
                errors.Add(($"phone[{i}]", error));
            }
        }

        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var given = draft.CustomFields ?? new Dictionary<string, string>();
        foreach (var (key, value) in given)
        {
            var def = definitions.FirstOrDefault(d => string.Equals(d.Name, key, StringComparison.Ordinal));
            if (def is null)
            {
                errors.Add(($"field.{key}", "is not defined for this tenant"));
                continue;
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            if (TryCanonical(def.Type, value.Trim(), out var canonical, out var reason))
            {
                fields[key] = canonical;
            }
            else
            {
                errors.Add(($"field.{key}", reason));
            }
        }

        foreach (var def in definitions)
        {
            if (def.Required && !fields.ContainsKey(def.Name) && !errors.Exists(e => e.Item1 == $"field.{def.Name}"))
            {
                errors.Add(($"field.{def.Name}", "is required"));
            }
        }

        if (errors.Count == 0)
        {
            normalized = new Normalized(name, company, email, phones, fields);
        }

        return errors;
    }

    private static bool TryCanonical(CustomFieldType type, string value, out string canonical, out string reason)
    {
        reason = string.Empty;
        canonical = value;
        switch (type)
        {
            case CustomFieldType.Text:
                if (value.Length > MaxTextFieldLength)
                {
                    reason = $"is longer than {MaxTextFieldLength} characters";
                    return false;
                }

                return true;
            case CustomFieldType.Number:
                if (decimal.TryParse(value, NumberStyles.Number & ~NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var number))
                {
                    canonical = number.ToString(CultureInfo.InvariantCulture);
                    return true;
                }

                reason = $"'{value}' is not a number (use '.' as the decimal separator)";
                return false;
            case CustomFieldType.Date:
                if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    canonical = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    return true;
                }

                reason = $"'{value}' is not a date in yyyy-MM-dd form";
                return false;
            case CustomFieldType.Boolean:
                if (bool.TryParse(value, out var flag))
                {
                    canonical = flag ? "true" : "false";
                    return true;
                }

                reason = $"'{value}' is not true or false";
                return false;
            default:
                reason = $"unknown type {type}";
                return false;
        }
    }

    private static bool IsFieldName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 64 || !char.IsAsciiLetter(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
