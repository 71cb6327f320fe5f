import { TestDatabases } from '@backstage/backend-test-utils';
import {
  KEYS_PER_QUERY,
  readInChunks,
  readKeyedRows,
  WHOLE_TABLE_ABOVE,
} from './readInChunks';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'readKeyedRows on %s',
  databaseId => {
    async function setUp(rowsOf: number) {
      const knex = await databases.init(databaseId);
      await knex.schema.createTable('keyed_rows', table => {
        table.increments('id');
        table.string('key').notNullable();
        table.integer('n').notNullable();
      });
      const rows = Array.from({ length: rowsOf }, (_, i) => ({
        key: `model:default/m-${i}`,
        n: i,
      }));
      for (let i = 0; i < rows.length; i += 200) {
        await knex('keyed_rows').insert(rows.slice(i, i + 200));
      }
      return knex;
    }

    it('reads the same rows in chunks and whole, and only the keys’ rows', async () => {
      // More rows than keys: the table holds rows of keys not asked for.
      const knex = await setUp(WHOLE_TABLE_ABOVE + 300);
      const keys = Array.from(
        { length: WHOLE_TABLE_ABOVE + 1 },
        (_, i) => `model:default/m-${i + 200}`,
      );
      const asked: Array<number | 'whole'> = [];
      type Row = { key: string; n: number };
      const read = async (chunk: string[] | undefined): Promise<Row[]> => {
        asked.push(chunk ? chunk.length : 'whole');
        const query = knex('keyed_rows').select('key', 'n');
        return chunk ? query.whereIn('key', chunk) : query;
      };
      const keyOf = (row: Row) => row.key;
      const sorted = (rows: Row[]) => rows.map(r => r.n).sort((a, b) => a - b);

      const whole = await readKeyedRows(keys, keyOf, read);
      expect(asked).toEqual(['whole']);
      const chunked = await readInChunks(keys, read);
      expect(sorted(whole)).toEqual(sorted(chunked));
      expect(sorted(whole)).toEqual(keys.map((_, i) => i + 200));

      asked.length = 0;
      const few = await readKeyedRows(
        keys.slice(0, KEYS_PER_QUERY + 1),
        keyOf,
        read,
      );
      expect(asked).toEqual([KEYS_PER_QUERY, 1]);
      expect(sorted(few)).toEqual(
        keys.slice(0, KEYS_PER_QUERY + 1).map((_, i) => i + 200),
      );
    });
  },
);
