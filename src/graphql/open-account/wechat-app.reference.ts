import { GraphQLError } from 'graphql';
import { APPID_RULE, isAppId } from '../../wechat';
import { WeChatApp } from './wechat-app.types';

/** Resolves a `{ __typename: "WeChatApp", appid }` representation; checked already. */
export function resolveWeChatAppReference(reference: { appid: string }): WeChatApp {
  return new WeChatApp(reference.appid);
}

/**
 * Checks a whole `_entities` call before any of it runs, so a malformed or oversized call is
 * refused with one clear error and nothing reaches WeChat: at most `max` representations, each
 * a WeChatApp with a valid appid. The operation as a whole (every `_entities` together) was
 * checked before execution (src/graphql/operation-work.ts); this guards the field itself.
 */
export function checkRepresentations(representations: unknown, max: number): void {
  if (!Array.isArray(representations)) throw badRepresentations('representations must be a list');
  if (representations.length > max) {
    throw badRepresentations(`${representations.length} representations in one _entities call; at most ${max} are accepted`);
  }
  representations.forEach((representation: unknown, index) => {
    const problem = representationProblem(representation, index);
    if (problem !== undefined) throw badRepresentations(problem);
  });
}

/** What is wrong with the representation at `index`, or undefined when it is a WeChatApp with a valid appid. */
export function representationProblem(representation: unknown, index: number): string | undefined {
  const { __typename: typename, appid } = (typeof representation === 'object' && representation !== null ? representation : {}) as Record<string, unknown>;
  if (typename !== 'WeChatApp') return `representations[${index}] must have __typename "WeChatApp"`;
  if (!isAppId(appid)) return `representations[${index}].appid must be ${APPID_RULE}`;
  return undefined;
}

function badRepresentations(message: string): GraphQLError {
  return new GraphQLError(`Invalid _entities call: ${message}.`, { extensions: { code: 'BAD_USER_INPUT', argumentName: 'representations' } });
}
