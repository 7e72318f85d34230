// Key → id maps of a bulk session, shared by the in-process session and the SQLite worker (plain
// JavaScript so the worker can load it without a TypeScript loader; types in id-maps.d.mts).
//
// A bulk insert writes a foreign key as the referenced row's unique key (a customer number, an
// address); the executor swaps it for the id just before binding. `remember` reads the ids of rows
// inserted since the last time (id > the highest seen) together with their key columns: ids are
// mapped back by unique key, never by the order an INSERT assigned them.

/** A row's key: its key columns (every column but id) joined by NUL, which validated text never holds. */
export function joinKey(values) {
  return values.length === 1 ? String(values[0]) : values.map(String).join('\u0000');
}

export class IdMaps {
  constructor() {
    this.maps = new Map();
    this.highest = new Map();
  }

  /** The one parameter of a remember query: the highest id already seen for this map. */
  rememberParameters(message) {
    return [Math.max(this.highest.get(message.map) ?? 0, message.after ?? 0)];
  }

  /** Adds (or, with `replace`, sets) the rows { id, ...key columns } read by a remember query. */
  remember(message, rows) {
    let map = this.maps.get(message.map);
    if (!map || message.replace) this.maps.set(message.map, (map = new Map()));
    let highest = this.rememberParameters(message)[0];
    for (const row of rows) {
      const { id, ...key } = row;
      map.set(joinKey(Object.values(key)), Number(id));
      if (Number(id) > highest) highest = Number(id);
    }
    this.highest.set(message.map, highest);
  }

  /** The statement's parameters with every reference (a key) replaced by the id it names. */
  translate(message) {
    const { parameters, refs, width } = message;
    if (!refs || refs.length === 0) return parameters;
    const out = parameters.slice();
    for (const ref of refs) {
      const map = this.maps.get(ref.map);
      if (!map) throw new Error(`bulk write: no ids remembered for ${ref.map}`);
      for (let i = ref.offset; i < out.length; i += width) {
        if (out[i] === null) continue; // a reference left empty stays NULL
        const id = map.get(String(out[i]));
        if (id === undefined) throw new Error(`bulk write: ${ref.map} "${String(out[i])}" not found`);
        out[i] = ref.text ? String(id) : id;
      }
    }
    return out;
  }
}
