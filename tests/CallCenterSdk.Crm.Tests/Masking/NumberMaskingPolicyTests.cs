using CallCenterSdk.Crm.Masking;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CallCenterSdk.Crm.Tests.Masking;

public sealed class NumberMaskingPolicyTests
{
    [Fact]
    public void The_default_policy_masks_agents_and_field_staff_only()
    {
        var p = NumberMaskingPolicy.Default;
        Assert.Equal("+*******4567", p.Apply("+49301234567", CrmRole.Agent));
        Assert.Equal("+*******4567", p.Apply("+49301234567", CrmRole.FieldStaff));
        Assert.Equal("+49301234567", p.Apply("+49301234567", CrmRole.Supervisor));
        Assert.Equal("+49301234567", p.Apply("+49301234567", CrmRole.Administrator));
        Assert.Null(p.Apply(null, CrmRole.Agent));
        Assert.Equal("+49301234567", NumberMaskingPolicy.None.Apply("+49301234567", CrmRole.Agent));
    }

    [Fact]
    public void Short_numbers_are_masked_entirely_so_the_tail_never_gives_them_away()
    {
        Assert.Equal("***", NumberMaskingPolicy.Mask("110", 4));
        Assert.Equal("*******", NumberMaskingPolicy.Mask("1234567", 4));
        Assert.Equal("****5678", NumberMaskingPolicy.Mask("12345678", 4));
        Assert.Equal("+** ***-**67", new NumberMaskingPolicy([CrmRole.Agent], 2).Apply("+49 301-2367", CrmRole.Agent));
    }

    [Property(MaxTest = 300)]
    public Property Masking_keeps_length_and_separators_and_shows_at_most_the_tail()
    {
        var gen = from length in Gen.Choose(0, 20)
                  from digits in Gen.Elements('0', '1', '5', '9', ' ', '-', '+').ArrayOf(length)
                  from tail in Gen.Choose(0, 6)
                  select (Number: new string(digits), Tail: tail);
        return Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var masked = NumberMaskingPolicy.Mask(x.Number, x.Tail);
            var digitCount = x.Number.Count(char.IsAsciiDigit);
            var visible = masked.Count(char.IsAsciiDigit);
            var expectedVisible = digitCount >= 2 * x.Tail ? x.Tail : 0;
            return masked.Length == x.Number.Length
                && visible == Math.Min(expectedVisible, digitCount)
                && masked.Zip(x.Number).All(p => p.First == p.Second || (p.First == '*' && char.IsAsciiDigit(p.Second)))
                && new string(x.Number.Where(char.IsAsciiDigit).ToArray()).EndsWith(new string(masked.Where(char.IsAsciiDigit).ToArray()), StringComparison.Ordinal);
        });
    }
}
