using System;
using System.Collections.Generic;
using System.Linq;

namespace AzBackupTroubleshoot.Emulator;

/// <summary>
/// Every request the emulator answered (failed ones included), for tests and benchmarks to count calls; At is when the
/// answer was ready, measured from the log's creation.
/// </summary>
public sealed class RequestLog
{
    private readonly List<(string Method, string Path, string Query, int Status, TimeSpan At)> _entries = new();
    private readonly object _sync = new();
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    public int Total
    {
        get { lock (_sync) return _entries.Count; }
    }

    /// <summary>Requests that change state (PUT, POST, DELETE, PATCH).</summary>
    public int Writes
    {
        get
        {
            lock (_sync) return _entries.Count(e => e.Method is "PUT" or "POST" or "DELETE" or "PATCH");
        }
    }

    public IReadOnlyList<(string Method, string Path, string Query, int Status, TimeSpan At)> Entries
    {
        get { lock (_sync) return _entries.ToList(); }
    }

    public int Count(string method)
    {
        lock (_sync) return _entries.Count(e => string.Equals(e.Method, method, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Requests with this method whose path contains the text (case-insensitive).</summary>
    public int Count(string method, string pathContains)
    {
        lock (_sync)
            return _entries.Count(e => string.Equals(e.Method, method, StringComparison.OrdinalIgnoreCase)
                && e.Path.Contains(pathContains, StringComparison.OrdinalIgnoreCase));
    }

    public void Reset()
    {
        lock (_sync) _entries.Clear();
    }

    internal void Add(string method, string path, string query, int status)
    {
        lock (_sync) _entries.Add((method.ToUpperInvariant(), path, query, status, _clock.Elapsed));
    }
}
