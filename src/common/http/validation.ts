import { ValidationPipe } from '@nestjs/common';
import { fieldErrors, Problem } from './problem';

/**
 * The one validation story: strip nothing silently, reject unknown fields, transform types.
 * Values stay in the errors only so that an absent field reads as `required`; no answer shows them.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => Problem.invalid(fieldErrors(errors)),
  });
}
