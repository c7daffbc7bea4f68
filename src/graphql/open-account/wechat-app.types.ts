import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * An Official Account or Mini Program, as a federation entity: other subgraphs (merchants,
 * stores) own its other fields and refer to it by appid; this one adds its open account.
 */
@Directive('@key(fields: "appid")')
@ObjectType({ description: 'An Official Account or Mini Program, known by its appid.' })
export class WeChatApp {
  @Field({ description: 'Its appid, e.g. wx1234567890abcdef.' })
  appid: string;

  constructor(appid: string) {
    this.appid = appid;
  }
}
