using CallCenterSdk.Media.Quality;

namespace CallCenterSdk.Media.Tests.Quality;

public class EModelTests
{
    [Fact]
    public void Default_connection_rates_93_2_and_mos_4_41()
    {
        var rating = EModel.Rate(0, 0, CodecImpairment.G711WithPlc);
        Assert.Equal(93.2, rating.R, 6);
        Assert.Equal(4.41, rating.Mos, 2);
    }

    [Fact]
    public void Loss_impairment_follows_g107_with_g113_robustness()
    {
        // Ie,eff = 0 + 95 * 1 / (1 + 25.1) for G.711 with Appendix I PLC at 1 % random loss.
        var withPlc = EModel.Rate(0, 1, CodecImpairment.G711WithPlc);
        Assert.Equal(95.0 / 26.1, withPlc.EffectiveEquipmentImpairment, 6);

        // Without concealment the same loss hurts far more (Bpl 4.3).
        var withoutPlc = EModel.Rate(0, 1, CodecImpairment.G711WithoutPlc);
        Assert.Equal(95.0 / 5.3, withoutPlc.EffectiveEquipmentImpairment, 6);

        // G.729A starts from Ie 11.
        Assert.Equal(11, EModel.Rate(0, 0, CodecImpairment.G729A).EffectiveEquipmentImpairment, 6);
    }

    [Fact]
    public void Bursty_loss_hurts_more_than_random_loss()
    {
        var random = EModel.Rate(50, 3, CodecImpairment.G711WithPlc, burstRatio: 1);
        var bursty = EModel.Rate(50, 3, CodecImpairment.G711WithPlc, burstRatio: 2);
        Assert.True(bursty.R < random.R);
        Assert.Equal(1, EModel.BurstRatio(0.01, 0.99), 6);
        Assert.Equal(2, EModel.BurstRatio(0.1, 0.4), 6);
    }

    [Fact]
    public void Delay_impairment_steepens_past_177_ms()
    {
        Assert.Equal(0.024 * 100, EModel.DelayImpairment(100), 9);
        double below = EModel.DelayImpairment(170) - EModel.DelayImpairment(160);
        double above = EModel.DelayImpairment(300) - EModel.DelayImpairment(290);
        Assert.Equal(0.24, below, 9);
        Assert.Equal(0.24 + 1.1, above, 9);
    }

    [Theory]
    [InlineData(-5, 1.0)]
    [InlineData(0, 1.0)]
    [InlineData(50, 2.58)]
    [InlineData(80, 4.02)]
    [InlineData(100, 4.5)]
    [InlineData(120, 4.5)]
    public void R_maps_to_mos_by_annex_b(double r, double mos) => Assert.Equal(mos, EModel.ToMos(r), 2);

    [Fact]
    public void Invalid_inputs_are_rejected_with_the_reason()
    {
        Assert.Contains("Delay", Assert.Throws<ArgumentOutOfRangeException>(() => EModel.Rate(-1, 0, CodecImpairment.Opus)).Message, StringComparison.Ordinal);
        Assert.Contains("Loss", Assert.Throws<ArgumentOutOfRangeException>(() => EModel.Rate(10, 101, CodecImpairment.Opus)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => EModel.Rate(double.NaN, 0, CodecImpairment.Opus));
        Assert.Throws<ArgumentOutOfRangeException>(() => EModel.Rate(10, 1, CodecImpairment.Opus, 0.5));
        Assert.Contains("known", Assert.Throws<ArgumentException>(() => CodecImpairment.ByName("speex")).Message, StringComparison.Ordinal);
        Assert.Same(CodecImpairment.Opus, CodecImpairment.ByName("opus"));
    }
}
