namespace Akka.Ingest.Pipeline.Dashboard;

/// <summary>The newest <see cref="Capacity"/> items, oldest first when read; adding to a full ring drops the oldest. Not thread-safe.</summary>
public sealed class SampleRing<T>(int capacity)
{
    private readonly T[] _items = new T[capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity))];
    private int _start;

    public int Capacity => _items.Length;

    public int Count { get; private set; }

    public void Add(T item)
    {
        if (Count < _items.Length)
        {
            _items[(_start + Count++) % _items.Length] = item;
            return;
        }
        _items[_start] = item;
        _start = (_start + 1) % _items.Length;
    }

    public T[] ToArray()
    {
        var copy = new T[Count];
        for (var i = 0; i < Count; i++)
            copy[i] = _items[(_start + i) % _items.Length];
        return copy;
    }
}
