import { z } from 'zod'

/** Limits shared by the form, the API route and the tests. */
export const APPLICATION_NAME_MAX = 100
export const APPLICATION_TYPE_MAX = 50

const requiredText = (label: string, max: number) =>
  z.string({ error: `${label}은(는) 문자열이어야 합니다.` })
    .trim()
    .min(1, { error: `${label}을(를) 입력하세요.` })
    .max(max, { error: `${label}은(는) ${max}자 이하로 입력하세요.` })

/** The onboarding form's body: one schema for the browser form and `POST /api/complete-onboarding`. */
export const onboardingSchema = z.object({
  applicationName: requiredText('애플리케이션 이름', APPLICATION_NAME_MAX),
  applicationType: requiredText('애플리케이션 타입', APPLICATION_TYPE_MAX),
})

export type OnboardingInput = z.infer<typeof onboardingSchema>

/** Field name -> first message, the shape the form shows and the API returns in `data.fields`. */
export type FieldErrors = Partial<Record<keyof OnboardingInput, string>>

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {}
  for (const issue of error.issues) {
    const key = issue.path[0]
    if ((key === 'applicationName' || key === 'applicationType') && !fields[key]) fields[key] = issue.message
  }
  return fields
}

/** What onboarding writes into Clerk's public metadata (merged, never replacing other keys). */
export interface OnboardingMetadata extends OnboardingInput {
  onboardingComplete: true
}
