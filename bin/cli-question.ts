import type { Identity } from '../lib/rbac/identity';
import { isNamespaceName } from '../lib/rbac/object-names';
import { QuestionError } from '../lib/rbac/parse-type';
import {
  parseCheckQuestion,
  parseWhoCanQuestion,
  readQuestionParams,
  type CheckQuestion,
} from '../lib/rbac/question-params';
import type { RequestAttributes } from '../lib/rbac/rule-matching';
import { namespaceOf, type CliValues } from './cli-options';

// The CLI's questions in kubectl's words (VERB TYPE[/NAME], -n, --as …), checked by the very
// parsers behind the Check and Who-can pages and /api/check and /api/who-can: what the API
// answers with 400, the CLI refuses with exit status 2.

type Params = Record<string, string | string[]>;

/** VERB TYPE[/NAME] and the flags, as the question parameters of the web pages. */
function paramsOf(verb: string, type: string, values: CliValues): Params {
  const params: Params = { verb };
  if (type.startsWith('/')) {
    params.url = type;
  } else {
    // kubectl's TYPE/NAME; a subresource is --subresource (the pages' resource=pods/log is not).
    const slash = type.indexOf('/');
    const name = slash >= 0 ? type.slice(slash + 1) : undefined;
    if (name !== undefined && (!name || name.includes('/'))) {
      throw new QuestionError(
        `"${type}" is not TYPE or TYPE/NAME (use --subresource for subresources)`,
      );
    }
    params.resource = slash >= 0 ? type.slice(0, slash) : type;
    if (name !== undefined) params.name = name;
  }
  if (values.subresource !== undefined) params.subresource = values.subresource;
  if (values['api-group']) params.apiGroup = values['api-group'];
  const namespace = namespaceOf(values);
  if (namespace !== undefined) params.namespace = namespace;
  return params;
}

/**
 * `--api-group ''` asks about the core group explicitly (the pages read an empty apiGroup as
 * "not given", and would take the catalog's group: deployments → apps).
 */
function withCoreGroup(attrs: RequestAttributes, type: string, values: CliValues) {
  if (values['api-group'] !== '' || !('resource' in attrs)) return attrs;
  const typePart = type.split('/')[0]!;
  if (typePart.includes('.')) {
    throw new QuestionError(
      `the API group is given twice: ${typePart.slice(typePart.indexOf('.') + 1)} and ""`,
    );
  }
  return { ...attrs, apiGroup: '' };
}

/** `can-i VERB TYPE[/NAME] --as USER [--as-group G]…`, as /api/check reads it. */
export function cliCheckQuestion(verb: string, type: string, values: CliValues): CheckQuestion {
  const question = parseCheckQuestion({
    ...paramsOf(verb, type, values),
    as: values.as ?? '',
    'as-group': values['as-group'] ?? [],
  });
  return { ...question, attributes: withCoreGroup(question.attributes, type, values) };
}

/** `who-can VERB TYPE[/NAME]`, as /api/who-can reads it. */
export function cliWhoCanQuestion(
  verb: string,
  type: string,
  values: CliValues,
): RequestAttributes {
  return withCoreGroup(parseWhoCanQuestion(paramsOf(verb, type, values)), type, values);
}

/**
 * Who `--as USER [--as-group G]…` is, checked as the Check question checks who asks (a
 * ServiceAccount user must be system:serviceaccount:NAMESPACE:NAME with valid names).
 */
export function cliIdentity(values: CliValues): Identity {
  // A question about anything at all carries the identity through the same parser.
  return parseCheckQuestion({
    as: values.as ?? '',
    'as-group': values['as-group'] ?? [],
    verb: 'get',
    url: '/',
  }).identity;
}

/** `-n NAMESPACE` where no request is parsed (findings, permissions): a namespace name. */
export function cliNamespace(values: CliValues): string | undefined {
  const { namespace } = readQuestionParams(
    values.namespace === undefined ? {} : { namespace: values.namespace },
  );
  if (namespace !== undefined && !isNamespaceName(namespace)) {
    throw new QuestionError(
      `"${namespace}" is not a namespace name (lower-case letters, digits and dashes, at most 63)`,
    );
  }
  return namespace;
}
