// Compiled with tsc --strict by test/shell/types.sh against types/database.types.ts and the pinned
// @supabase/supabase-js (tools/types/): correct usage compiles, and every line marked @ts-expect-error must be an
// error (tsc fails on an unused @ts-expect-error), so wrong column names and enum literals are caught.
import { createClient } from "@supabase/supabase-js"
import type {
  Database,
  VitalSummary,
  VitalValidationErrorDetail,
  VitalValidationViolation,
} from "../../types/database.types"

const supabase = createClient<Database, "vital">("http://localhost:54321", "anon-key", { db: { schema: "vital" } })

type Goal = Database["vital"]["Tables"]["persona_goals"]["Row"]
type GoalInsert = Database["vital"]["Tables"]["persona_goals"]["Insert"]

export async function examples(personaId: string, tenantId: string): Promise<void> {
  // typed rows: goal_type is the CHECK list, not string
  const { data: goals } = await supabase.from("persona_goals").select("id, goal_type, priority").eq("persona_id", personaId)
  const firstType: "primary" | "secondary" | "long_term" | "personal" | null | undefined = goals?.[0]?.goal_type
  void firstType

  const ok: GoalInsert = { tenant_id: tenantId, persona_id: personaId, goal_type: "primary", goal_text: "Ship it" }
  await supabase.from("persona_goals").insert(ok)

  // @ts-expect-error: "urgent" is not in goal_type's CHECK list
  const badEnum: GoalInsert = { tenant_id: tenantId, persona_id: personaId, goal_type: "urgent" }
  void badEnum

  // @ts-expect-error: persona_goals has no column "goal_title"
  const badColumn: GoalInsert = { tenant_id: tenantId, persona_id: personaId, goal_title: "x" }
  void badColumn

  // @ts-expect-error: unknown column in a filter
  await supabase.from("persona_goals").select("id").eq("goal_title", "x")

  // @ts-expect-error: wrong literal in a filter on a CHECK-list column
  await supabase.from("persona_goals").select("id").eq("goal_type", "urgent")

  // array CHECK lists: each element is one of the allowed values
  type ValueTypes = Database["vital"]["Tables"]["persona_stakeholder_value_exchange"]["Row"]["value_provided_type"]
  const vt: ValueTypes = ["revenue", "access"]
  // @ts-expect-error: "bribes" is not an allowed element
  const vtBad: ValueTypes = ["revenue", "bribes"]
  void vt
  void vtBad

  // the summary is a typed interface, not Json
  const { data: summary } = await supabase.rpc("vital_summary", { persona_id: personaId })
  if (summary) {
    const s: VitalSummary = summary
    const ratio: number = s.completeness.ratio
    const goalCount: number | null | undefined = s.sections["persona_goals"]
    const days: string[] | null = s.time_coverage.days_of_week
    const top: string | null | undefined = s.highlights.goals[0]?.text
    void [ratio, goalCount, days, top]
    // @ts-expect-error: the summary has no "score" member
    void s.score
  }
  const { data: list } = await supabase.rpc("vital_summaries", { persona_ids: [personaId] })
  const ratios: number[] = (list ?? []).map((r) => r.summary.completeness.ratio)
  void ratios

  // the validation report and the trigger's error detail are typed
  const { data: report } = await supabase.rpc("vital_validate", { target: "vital.persona_week_in_life", candidate: { day_of_week: "Funday" } })
  const kinds: VitalValidationViolation["kind"][] = (report ?? []).map((v) => v.kind)
  void kinds
  const { error } = await supabase.from("persona_goals").insert(ok)
  if (error && error.code === "23514") {
    const detail = JSON.parse(error.details) as VitalValidationErrorDetail
    const firstRule: string | undefined = detail[0]?.rule
    void firstRule
  }

  // @ts-expect-error: functions no API role may call are not in the types
  await supabase.rpc("vital_rls_apply")

  const row: Goal | undefined = goals ? undefined : undefined
  void row
}
