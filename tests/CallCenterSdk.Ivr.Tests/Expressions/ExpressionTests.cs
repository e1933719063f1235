using CallCenterSdk.Ivr.Expressions;

namespace CallCenterSdk.Ivr.Tests.Expressions;

public class ExpressionTests
{
    private sealed class Scope(Dictionary<string, ExpressionValue> values) : IVariableScope
    {
        public bool TryGetVariable(string name, out ExpressionValue value) => values.TryGetValue(name, out value);
    }

    private static readonly Scope Variables = new(new()
    {
        ["digits"] = ExpressionValue.FromString("042"),
        ["caller.number"] = ExpressionValue.FromString("+8613800001111"),
        ["balance"] = ExpressionValue.FromNumber(12.5m),
        ["vip"] = ExpressionValue.FromBoolean(true),
        ["name"] = ExpressionValue.FromString("Li Wei"),
    });

    private static string Eval(string text) => Expression.Parse(text).Evaluate(Variables).ToString();

    [Theory]
    [InlineData("1 + 2 * 3", "7")]
    [InlineData("(1 + 2) * 3", "9")]
    [InlineData("10 / 4", "2.5")]
    [InlineData("10 % 4", "2")]
    [InlineData("-balance + 2", "-10.5")]
    [InlineData("balance >= 12.5 and vip", "true")]
    [InlineData("not vip or balance < 0", "false")]
    [InlineData("!(1 == 2) && 3 != 4", "true")]
    [InlineData("digits == 42", "true")]
    [InlineData("digits == '042'", "true")]
    [InlineData("digits > 41", "true")]
    [InlineData("'abc' < 'abd'", "true")]
    [InlineData("unknown == null", "true")]
    [InlineData("'Hello ' + name", "Hello Li Wei")]
    [InlineData("len(name)", "6")]
    [InlineData("upper(name)", "LI WEI")]
    [InlineData("lower('ABC')", "abc")]
    [InlineData("trim('  x  ')", "x")]
    [InlineData("substr(caller.number, 0, 3)", "+86")]
    [InlineData("substr('abc', 10)", "")]
    [InlineData("startsWith(caller.number, '+86138')", "true")]
    [InlineData("endsWith(name, 'Wei')", "true")]
    [InlineData("contains(name, ' ')", "true")]
    [InlineData("indexOf(name, 'W')", "3")]
    [InlineData("replace(name, ' ', '_')", "Li_Wei")]
    [InlineData("concat('a', 1, true)", "a1true")]
    [InlineData("number('12') + 1", "13")]
    [InlineData("string(12) + 1", "121")]
    [InlineData("isNumber(digits)", "true")]
    [InlineData("isEmpty(missing)", "true")]
    [InlineData("round(2.345, 2)", "2.35")]
    [InlineData("floor(2.9) + ceil(2.1) + abs(-1)", "6")]
    [InlineData("min(3, 1, 2) + max(3, 1, 2)", "4")]
    [InlineData("coalesce(missing, 'fallback')", "fallback")]
    [InlineData("if(vip, 'gold', 'standard')", "gold")]
    [InlineData("if(false, 1 / 0, 'lazy')", "lazy")]
    [InlineData("false and 1 / 0", "false")]
    public void Evaluates_operators_and_functions(string text, string expected) =>
        Assert.Equal(expected, Eval(text));

    [Theory]
    [InlineData("", "Empty expression", 0)]
    [InlineData("1 +", "Unexpected end of expression", 3)]
    [InlineData("(1 + 2", "Expected ')'", 6)]
    [InlineData("a = 1", "use '=='", 2)]
    [InlineData("a & b", "use '&&'", 2)]
    [InlineData("'open", "Unterminated string literal", 0)]
    [InlineData("'bad \\q escape'", "Unknown escape", 5)]
    [InlineData("1.2.3", "Malformed number", 0)]
    [InlineData("12abc", "after a number", 2)]
    [InlineData("exec('rm -rf /')", "Unknown function 'exec'", 0)]
    [InlineData("System.IO.File.Delete('x')", "Unknown function 'System.IO.File.Delete'", 0)]
    [InlineData("len()", "len() takes 1 arguments, got 0", 0)]
    [InlineData("1 < 2 < 3", "cannot be chained", 6)]
    [InlineData("a $ b", "Unexpected character '$'", 2)]
    [InlineData("1 2", "Unexpected number 2", 2)]
    public void Malformed_expressions_fail_with_reason_and_offset(string text, string reason, int position)
    {
        var e = Assert.Throws<ExpressionException>(() => Expression.Parse(text));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.Equal(position, e.Position);
    }

    [Theory]
    [InlineData("1 / 0", "Division by zero")]
    [InlineData("5 % 0", "Remainder by zero")]
    [InlineData("'a' - 1", "needs numbers")]
    [InlineData("vip < 1", "cannot order")]
    [InlineData("number('twelve')", "is not a number")]
    [InlineData("79228162514264337593543950335 * 10", "Arithmetic overflow")]
    [InlineData("substr('abc', -1)", "non-negative whole number")]
    [InlineData("replace('abc', '', 'x')", "empty string")]
    public void Runtime_errors_are_expression_exceptions(string text, string reason)
    {
        var e = Assert.Throws<ExpressionException>(() => Expression.Parse(text).Evaluate(Variables));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused_without_exhausting_the_stack()
    {
        string deep = new string('(', 40) + "1" + new string(')', 40);
        var e = Assert.Throws<ExpressionException>(() => Expression.Parse(deep));
        Assert.Contains("nested deeper than 32", e.Message, StringComparison.Ordinal);
        Assert.Equal(32, e.Position);

        string deeper = new string('(', 100_000) + "1" + new string(')', 100_000);
        var tokens = Assert.Throws<ExpressionException>(() => Expression.Parse(deeper, ExpressionLimits.Default with { MaxSourceLength = 300_000 }));
        Assert.Contains("tokens", tokens.Message, StringComparison.Ordinal);

        string nots = string.Concat(Enumerable.Repeat("not ", 40)) + "true";
        Assert.Contains("nested deeper", Assert.Throws<ExpressionException>(() => Expression.Parse(nots, ExpressionLimits.Default with { MaxSourceLength = 30_000 })).Message, StringComparison.Ordinal);

        string minuses = new string('-', 40) + "1";
        Assert.Contains("nested deeper", Assert.Throws<ExpressionException>(() => Expression.Parse(minuses)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Oversized_input_is_refused_before_parsing()
    {
        string huge = string.Join(" + ", Enumerable.Repeat("1", 1_000_000));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<ExpressionException>(() => Expression.Parse(huge));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("longer than 4096", e.Message, StringComparison.Ordinal);
        Assert.True(allocated < 64 * 1024, $"Refusing a 4 MB expression allocated {allocated} bytes");
    }

    [Fact]
    public void Node_count_is_capped()
    {
        string wide = string.Join("+", Enumerable.Repeat("1", 1500));
        Assert.Contains("more than", Assert.Throws<ExpressionException>(() => Expression.Parse(wide)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void String_growth_is_capped_so_memory_stays_bounded()
    {
        // Each level of concat(x, x, x, x) quadruples the string. Four levels (1,191 characters, 766 tokens, 341 nodes)
        // fit every parse limit; over a 32-character variable they build exactly the 8,192 characters allowed, over a
        // 64-character one they would build 16,384.
        string quadrupling = "s";
        for (int i = 0; i < 4; i++)
        {
            quadrupling = $"concat({quadrupling},{quadrupling},{quadrupling},{quadrupling})";
        }

        var expression = Expression.Parse(quadrupling);
        var fits = new Scope(new() { ["s"] = ExpressionValue.FromString(new string('s', 32)) });
        Assert.Equal(8192, expression.Evaluate(fits).AsString.Length);
        var tooLong = new Scope(new() { ["s"] = ExpressionValue.FromString(new string('s', 64)) });
        long start = GC.GetAllocatedBytesForCurrentThread();
        var grown = Assert.Throws<ExpressionException>(() => expression.Evaluate(tooLong));
        Assert.Contains("longer than 8192", grown.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - start < 1024 * 1024, "the quadrupling allocated more than 1 MB");

        var nested = "replace(replace(replace(replace('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'a', 'aaaaaaaaaaaaaaaa'), 'a', 'aaaaaaaaaaaaaaaa'), 'a', 'aaaaaaaaaaaaaaaa'), 'a', 'aaaaaaaaaaaaaaaa')";
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<ExpressionException>(() => Expression.Parse(nested).Evaluate(Variables));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("longer than 8192", e.Message, StringComparison.Ordinal);
        Assert.True(allocated < 1024 * 1024, $"Bounded replace allocated {allocated} bytes");

        var concat = "concat(name, name, name, name, name, name, name, name, name, name, name, name, name, name, name, name)";
        string plus = string.Join(" + ", Enumerable.Repeat("'" + new string('z', 200) + "'", 50));
        Assert.Equal(96, Expression.Parse(concat).Evaluate(Variables).ToString().Length);
        Assert.Throws<ExpressionException>(() => Expression.Parse(plus, ExpressionLimits.Default with { MaxSourceLength = 20_000 }).Evaluate(Variables));
    }

    private static string Repeat(string term, int count, string separator) => string.Join(separator, Enumerable.Repeat(term, count));

    [Fact]
    public void Evaluation_work_is_counted_across_the_whole_expression_and_bounded_by_the_budget()
    {
        // Each contains() over 8,000 characters is charged about 16,000 steps (text read, and text x needle compared).
        var scope = new Scope(new() { ["notes"] = ExpressionValue.FromString(new string('n', 8000)) });
        var limits = ExpressionLimits.Default with { MaxEvaluationCost = 100_000 };
        string five = Repeat("contains(notes, 'x')", 5, " or ");
        string seven = Repeat("contains(notes, 'x')", 7, " or ");
        Assert.False(Expression.Parse(five, limits).Evaluate(scope).AsBoolean);
        var e = Assert.Throws<ExpressionException>(() => Expression.Parse(seven, limits).Evaluate(scope));
        Assert.Contains("needs more than 100000 steps", e.Message, StringComparison.Ordinal);
        // The failing call is the one that crosses the budget: the seventh contains() (six cost about 96,000 steps).
        Assert.Equal(6 * "contains(notes, 'x') or ".Length, e.Position);
        // The default budget (10,000,000) leaves such everyday expressions alone.
        Assert.False(Expression.Parse(seven).Evaluate(scope).AsBoolean);
    }

    [Fact]
    public void A_search_too_costly_for_the_budget_is_refused_before_it_runs()
    {
        // Variables can hold long strings (a look-up result), so the 8,192-character cap on built strings does not bound
        // a search: 200,000 characters searched for a 4,001-character needle is up to 8 * 10^8 comparisons.
        var scope = new Scope(new()
        {
            ["text"] = ExpressionValue.FromString(new string('a', 200_000)),
            ["needle"] = ExpressionValue.FromString(new string('a', 2000) + "b" + new string('a', 2000)),
        });
        foreach (string text in new[] { "contains(text, needle)", "indexOf(text, needle)", "replace(text, needle, 'x')" })
        {
            var e = Assert.Throws<ExpressionException>(() => Expression.Parse(text).Evaluate(scope));
            Assert.Contains("needs more than 10000000 steps", e.Message, StringComparison.Ordinal);
        }

        // A short needle over the same text is cheap and allowed.
        Assert.Equal(-1m, Expression.Parse("indexOf(text, 'b')").Evaluate(scope).AsNumber);
    }

    [Fact]
    public void A_large_expression_over_long_strings_evaluates_within_the_default_budget()
    {
        // 80 upper() calls on an 8,000-character variable (479 nodes, near the 512 limit): about 16,000 steps each,
        // 1.3 million in all.
        var scope = new Scope(new() { ["t"] = ExpressionValue.FromString(new string('t', 8000)) });
        string wide = Repeat("len(upper(t)) > 0", 80, " and ");
        Assert.True(Expression.Parse(wide).Evaluate(scope).AsBoolean);
        var tight = ExpressionLimits.Default with { MaxEvaluationCost = 1_000_000 };
        Assert.Throws<ExpressionException>(() => Expression.Parse(wide, tight).Evaluate(scope));
    }

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public bool Arbitrary_text_either_parses_or_fails_with_an_expression_exception(string text)
    {
        try
        {
            Expression.Parse(text ?? string.Empty).Evaluate(Variables);
        }
        catch (ExpressionException e)
        {
            return e.Position >= 0 && e.Position <= (text ?? string.Empty).Length + 1 && e.Reason.Length > 0;
        }

        return true;
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public bool Integer_arithmetic_matches_decimal_arithmetic(int a, int b, int c)
    {
        var scope = new Scope(new()
        {
            ["a"] = ExpressionValue.FromNumber(a),
            ["b"] = ExpressionValue.FromNumber(b),
            ["c"] = ExpressionValue.FromNumber(c),
        });
        decimal expected = (decimal)a + ((decimal)b * c);
        return Expression.Parse("a + b * c").Evaluate(scope).AsNumber == expected
            && Expression.Parse("a + b * c > a").Evaluate(scope).AsBoolean == (expected > a);
    }
}
