import { describe, expect, it } from 'vitest';
import { parseRakkessTable } from './peer-tools';

describe("parseRakkessTable: rakkess's ascii table", () => {
  it('reads yes and no by column, and skips cells where the verb does not apply', () => {
    const table = [
      'NAME                                            GET  LIST  CREATE',
      'bindings                                        n/a  n/a   no',
      'deployments.apps                                yes  no    no',
      'localsubjectaccessreviews.authorization.k8s.io             yes',
      '',
    ].join('\n');
    expect(parseRakkessTable(table, ['get', 'list', 'create'])).toEqual([
      { type: 'bindings', verb: 'create', allowed: false },
      { type: 'deployments.apps', verb: 'get', allowed: true },
      { type: 'deployments.apps', verb: 'list', allowed: false },
      { type: 'deployments.apps', verb: 'create', allowed: false },
      { type: 'localsubjectaccessreviews.authorization.k8s.io', verb: 'create', allowed: true },
    ]);
  });

  it('refuses output that is not its table', () => {
    expect(() => parseRakkessTable('error: forbidden', ['get'])).toThrow(/no table/);
    expect(() => parseRakkessTable('NAME  GET\npods  maybe', ['get'])).toThrow(/not understood/);
  });
});
