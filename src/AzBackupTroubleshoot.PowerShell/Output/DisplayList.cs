using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace AzBackupTroubleshoot.PowerShell.Output
{
    /// <summary>
    /// A list property of an output object that stays a list where PowerShell treats it as one (ConvertTo-Json writes an
    /// array, Format-List and -join enumerate it) and reads as text where PowerShell calls ToString: Export-Csv and
    /// string interpolation get "a; b" instead of "System.String[]". The "; " separator is the one
    /// <see cref="ResultInput"/> splits on, so a CSV can be piped back in.
    /// </summary>
    public sealed class DisplayList<T> : IReadOnlyList<T>
    {
        public const string Separator = "; ";

        private readonly T[] _items;
        private readonly Func<T, string> _text;

        public DisplayList(IEnumerable<T>? items, Func<T, string>? text = null)
        {
            _items = items?.ToArray() ?? Array.Empty<T>();
            _text = text ?? (item => item?.ToString() ?? "");
        }

        public int Count => _items.Length;
        public T this[int index] => _items[index];
        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

        public override string ToString() => string.Join(Separator, _items.Select(_text));
    }
}
