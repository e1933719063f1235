using CallCenterSdk.Crm.Phones;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CallCenterSdk.Crm.Tests.Phones;

public sealed class E164Tests
{
    [Theory]
    [InlineData("+49 30 1234567", "+49301234567")]
    [InlineData("0049 (30) 123-45-67", "+49301234567")]
    [InlineData("030 1234567", "+49301234567")]
    [InlineData("  tel:+49.30.1234567;ext=12 ", "+49301234567")]
    [InlineData("+1 (212) 555-0100", "+12125550100")]
    public void Common_notations_normalise_to_e164_with_the_german_plan(string written, string expected) =>
        Assert.Equal(expected, E164.Normalize(written, DialPlan.Germany));

    [Theory]
    [InlineData("(212) 555-0100", "+12125550100")]
    [InlineData("1 212 555 0100", "+12125550100")]
    [InlineData("011 44 20 7946 0958", "+442079460958")]
    public void North_american_numbers_need_no_trunk_prefix(string written, string expected) =>
        Assert.Equal(expected, E164.Normalize(written, DialPlan.NorthAmerica));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("030 12x4567", "invalid character 'x' at offset 6")]
    [InlineData("+49 30 1234567 8901234", "has 18 digits after normalisation; E.164 allows 7 to 15")]
    [InlineData("+49 30 1234567 8901234 5678901234", "more than 15 digits (at offset 28)")]
    [InlineData("301234567", "neither '+'")]
    [InlineData("+49 12", "E.164 allows 7 to 15")]
    [InlineData("+0 301234567", "starting with 0")]
    [InlineData("+49+30", "invalid character '+' at offset 3")]
    public void Bad_numbers_are_rejected_with_the_reason(string written, string reason)
    {
        Assert.False(E164.TryNormalize(written, DialPlan.Germany, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        var e = Assert.Throws<PhoneNumberFormatException>(() => E164.Normalize(written, DialPlan.Germany));
        Assert.Equal(error, e.Message);
    }

    [Property(MaxTest = 300)]
    public void Arbitrary_text_never_throws_and_success_always_yields_e164(string? text)
    {
        var ok = E164.TryNormalize(text ?? string.Empty, DialPlan.Germany, out var e164, out var error);
        if (ok)
        {
            Assert.Matches("^\\+[1-9][0-9]{6,14}$", e164);
        }
        else
        {
            Assert.False(string.IsNullOrEmpty(error));
        }
    }

    [Property(MaxTest = 200)]
    public Property Any_e164_number_survives_reformatting_with_separators_and_the_international_prefix()
    {
        var numbers = from cc in Gen.Choose(1, 9)
                      from length in Gen.Choose(6, 13)
                      from rest in Gen.Choose(0, 9).ArrayOf(length)
                      from style in Gen.Choose(0, 2)
                      select (Digits: cc + string.Concat(rest), Style: style);
        return Prop.ForAll(numbers.ToArbitrary(), n =>
        {
            var written = n.Style switch
            {
                0 => "+" + n.Digits,
                1 => "00 " + string.Join(' ', n.Digits.Chunk(3).Select(c => new string(c))),
                _ => "+" + string.Join('-', n.Digits.Chunk(2).Select(c => new string(c))),
            };
            return E164.Normalize(written, DialPlan.Germany) == "+" + n.Digits;
        });
    }
}
