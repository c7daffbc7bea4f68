import { Field, InterfaceType } from 'type-graphql';

/** Every error a client can act on implements this, so one fragment can handle them all. */
@InterfaceType({ description: 'An operation failed in a way the client can act on. Every error type in a result union implements it.' })
export abstract class GatewayError {
  @Field({ description: 'What happened and how to fix it, in words for a developer.' })
  message!: string;

  @Field({ description: 'True when the same request may succeed if sent again later, unchanged.' })
  retryable!: boolean;
}
