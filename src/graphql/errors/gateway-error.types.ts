import { Field, Int, InterfaceType } from 'type-graphql';

/** Every error a client can act on implements this, so one fragment can handle them all. */
@InterfaceType({ description: 'An operation failed in a way the client can act on. Every error type in a result union implements it.' })
export abstract class GatewayError {
  @Field({ description: 'What happened and how to fix it, in words for a developer.' })
  message!: string;

  @Field({ description: 'True when the same request may succeed if sent again later, unchanged.' })
  retryable!: boolean;

  // On the interface, not on each type: a client's one retry rule reads it from any error, and
  // one field name with two types (Int on some members, Int! on others) could not be selected
  // in one fragment.
  @Field(() => Int, {
    nullable: true,
    description: 'When the gateway knows how long to wait before sending the same request again, the seconds (OverloadedError always; 45011 until the next minute); else null.',
  })
  retryAfterSeconds: number | null = null;
}
