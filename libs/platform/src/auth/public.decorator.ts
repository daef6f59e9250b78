import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'profila:isPublic';
/** Marks a route that needs no authentication (health, metadata, login endpoints). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

export const ALLOWED_ACTORS = 'profila:allowedActors';
/** Restricts a route to some kinds of actor, e.g. `@AllowActors('service')` for service-to-service APIs. */
export const AllowActors = (...kinds: Array<'citizen' | 'operator' | 'service'>): MethodDecorator & ClassDecorator =>
  SetMetadata(ALLOWED_ACTORS, kinds);
