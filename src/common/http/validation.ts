import { ValidationPipe } from '@nestjs/common';
import { fieldErrors, Problem } from './problem';

/** The one validation story: strip nothing silently, reject unknown fields, transform types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => Problem.invalid(fieldErrors(errors)),
  });
}
