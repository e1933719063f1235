using CallCenterSdk.Acd.Routing;
using FsCheck.Xunit;

namespace CallCenterSdk.Acd.Tests.Routing;

public sealed class OrderedIndexTests
{
    [Property(MaxTest = 200)]
    public bool Behaves_like_a_sorted_set_under_inserts_and_removes(int[] ops)
    {
        var index = new OrderedIndex(4);
        var model = new SortedSet<(long, long, int)>();
        foreach (int op in ops)
        {
            var key = ((long)(op % 7), (long)(op / 7 % 5), Math.Abs(op % 11));
            if (op % 3 == 0)
            {
                if (index.Remove(key.Item1, key.Item2, key.Item3) != model.Remove(key))
                {
                    return false;
                }
            }
            else if (model.Add(key))
            {
                index.Insert(key.Item1, key.Item2, key.Item3);
            }

            if (index.Count != model.Count)
            {
                return false;
            }
        }

        // In-order walk and ranks agree with the model.
        var walked = new List<(long, long, int)>();
        if (index.First(out var e))
        {
            do
            {
                walked.Add((e.Primary, e.Secondary, e.Value));
            }
            while (index.After(e, out e));
        }

        int rank = 0;
        foreach (var k in model)
        {
            if (index.Rank(k.Item1, k.Item2, k.Item3) != rank++)
            {
                return false;
            }
        }

        return walked.SequenceEqual(model);
    }

    [Fact]
    public void Lower_bound_finds_the_first_entry_not_below_the_key()
    {
        var index = new OrderedIndex();
        index.Insert(10, 0, 1);
        index.Insert(20, 0, 2);
        index.Insert(20, 5, 3);
        Assert.True(index.LowerBound(15, 0, 0, out var e));
        Assert.Equal(2, e.Value);
        Assert.True(index.LowerBound(20, 1, 0, out e));
        Assert.Equal(3, e.Value);
        Assert.False(index.LowerBound(21, 0, 0, out _));
        Assert.False(index.Remove(99, 0, 0));
    }
}
