namespace CallCenterSdk.Acd.Routing;

/// <summary>
/// An ordered set of (primary, secondary, value) entries: a treap kept in parallel arrays with a
/// free list, so steady-state insert and remove allocate nothing. Insert, remove, lower bound and
/// rank are O(log n) expected; walking k entries in order from a bound is O(k log n).
/// Priorities come from a fixed hash of the node index, so the shape is deterministic.
/// </summary>
internal sealed class OrderedIndex
{
    private const int Nil = -1;
    private long[] _primary;
    private long[] _secondary;
    private int[] _value;
    private int[] _left;
    private int[] _right;
    private int[] _size;
    private uint[] _priority;
    private int _root = Nil;
    private int _first = Nil; // cached smallest node: First() is O(1), the common query
    private int _free = Nil;
    private int _used;

    public OrderedIndex(int capacity = 16)
    {
        capacity = Math.Max(4, capacity);
        _primary = new long[capacity];
        _secondary = new long[capacity];
        _value = new int[capacity];
        _left = new int[capacity];
        _right = new int[capacity];
        _size = new int[capacity];
        _priority = new uint[capacity];
    }

    public int Count => _root == Nil ? 0 : _size[_root];

    /// <summary>Adds an entry; (primary, secondary, value) must be unique.</summary>
    public void Insert(long primary, long secondary, int value)
    {
        int node = Allocate(primary, secondary, value);
        Split(_root, primary, secondary, value, out int l, out int r);
        _root = Merge(Merge(l, node), r);
        if (_first == Nil || Compare(primary, secondary, value, _first) < 0)
        {
            _first = node;
        }
    }

    /// <summary>Removes an entry; returns false when it was not there.</summary>
    public bool Remove(long primary, long secondary, int value)
    {
        int parent = Nil;
        int node = _root;
        bool wentLeft = false;
        while (node != Nil)
        {
            int c = Compare(primary, secondary, value, node);
            if (c == 0)
            {
                break;
            }

            parent = node;
            wentLeft = c < 0;
            node = wentLeft ? _left[node] : _right[node];
        }

        if (node == Nil)
        {
            return false;
        }

        int merged = Merge(_left[node], _right[node]);
        if (parent == Nil)
        {
            _root = merged;
        }
        else if (wentLeft)
        {
            _left[parent] = merged;
        }
        else
        {
            _right[parent] = merged;
        }

        // Fix sizes along the path from the root.
        int walk = _root;
        while (walk != Nil && walk != merged)
        {
            _size[walk]--;
            int c = Compare(primary, secondary, value, walk);
            walk = c < 0 ? _left[walk] : _right[walk];
        }

        if (node == _first)
        {
            _first = _root;
            while (_first != Nil && _left[_first] != Nil)
            {
                _first = _left[_first];
            }
        }

        _left[node] = _free;
        _free = node;
        return true;
    }

    /// <summary>The smallest entry, or false when empty.</summary>
    public bool First(out Entry entry)
    {
        entry = _first == Nil ? default : new Entry(_primary[_first], _secondary[_first], _value[_first]);
        return _first != Nil;
    }

    /// <summary>The smallest entry &gt;= (primary, secondary, value).</summary>
    public bool LowerBound(long primary, long secondary, int value, out Entry entry)
    {
        int node = _root, best = Nil;
        while (node != Nil)
        {
            if (Compare(primary, secondary, value, node) <= 0)
            {
                best = node;
                node = _left[node];
            }
            else
            {
                node = _right[node];
            }
        }

        entry = best == Nil ? default : new Entry(_primary[best], _secondary[best], _value[best]);
        return best != Nil;
    }

    /// <summary>The smallest entry strictly after <paramref name="current"/>.</summary>
    public bool After(in Entry current, out Entry entry)
    {
        if (current.Value == int.MaxValue)
        {
            return LowerBound(current.Primary, current.Secondary == long.MaxValue ? current.Secondary : current.Secondary + 1, int.MinValue, out entry);
        }

        return LowerBound(current.Primary, current.Secondary, current.Value + 1, out entry);
    }

    /// <summary>Number of entries smaller than the given key (0-based position).</summary>
    public int Rank(long primary, long secondary, int value)
    {
        int node = _root, rank = 0;
        while (node != Nil)
        {
            int c = Compare(primary, secondary, value, node);
            if (c <= 0)
            {
                node = _left[node];
            }
            else
            {
                rank += SizeOf(_left[node]) + 1;
                node = _right[node];
            }
        }

        return rank;
    }

    private int SizeOf(int node) => node == Nil ? 0 : _size[node];

    private int Compare(long p, long s, int v, int node)
    {
        int c = p.CompareTo(_primary[node]);
        if (c != 0)
        {
            return c;
        }

        c = s.CompareTo(_secondary[node]);
        return c != 0 ? c : v.CompareTo(_value[node]);
    }

    private int Allocate(long primary, long secondary, int value)
    {
        int node;
        if (_free != Nil)
        {
            node = _free;
            _free = _left[node];
        }
        else
        {
            if (_used == _primary.Length)
            {
                int capacity = _primary.Length * 2;
                Array.Resize(ref _primary, capacity);
                Array.Resize(ref _secondary, capacity);
                Array.Resize(ref _value, capacity);
                Array.Resize(ref _left, capacity);
                Array.Resize(ref _right, capacity);
                Array.Resize(ref _size, capacity);
                Array.Resize(ref _priority, capacity);
            }

            node = _used++;
            _priority[node] = Mix((uint)node);
        }

        _primary[node] = primary;
        _secondary[node] = secondary;
        _value[node] = value;
        _left[node] = Nil;
        _right[node] = Nil;
        _size[node] = 1;
        return node;
    }

    private static uint Mix(uint x)
    {
        // A fixed integer hash (lowbias32) stands in for random heap priorities.
        x ^= x >> 16;
        x *= 0x7feb352d;
        x ^= x >> 15;
        x *= 0x846ca68b;
        x ^= x >> 16;
        return x;
    }

    /// <summary>Splits into keys &lt; (p, s, v) and keys &gt;= (p, s, v).</summary>
    private void Split(int node, long p, long s, int v, out int l, out int r)
    {
        if (node == Nil)
        {
            l = Nil;
            r = Nil;
            return;
        }

        if (Compare(p, s, v, node) > 0)
        {
            Split(_right[node], p, s, v, out int rl, out r);
            _right[node] = rl;
            l = node;
        }
        else
        {
            Split(_left[node], p, s, v, out l, out int lr);
            _left[node] = lr;
            r = node;
        }

        _size[node] = 1 + SizeOf(_left[node]) + SizeOf(_right[node]);
    }

    private int Merge(int l, int r)
    {
        if (l == Nil)
        {
            return r;
        }

        if (r == Nil)
        {
            return l;
        }

        if (_priority[l] > _priority[r])
        {
            _right[l] = Merge(_right[l], r);
            _size[l] = 1 + SizeOf(_left[l]) + SizeOf(_right[l]);
            return l;
        }

        _left[r] = Merge(l, _left[r]);
        _size[r] = 1 + SizeOf(_left[r]) + SizeOf(_right[r]);
        return r;
    }

    /// <summary>One entry of the index.</summary>
    internal readonly record struct Entry(long Primary, long Secondary, int Value);
}
