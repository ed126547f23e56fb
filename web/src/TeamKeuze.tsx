import { Field, Label, Select } from '@amsterdam/design-system-react';
import { useSessie } from './sessie';

/** The team field of a filter form (`name="team"`), shown only to someone in more than one team. */
export function TeamKeuze({ id, team }: { id: string; team: string }) {
  const { gebruiker } = useSessie();
  if (gebruiker.buurtteams.length <= 1) return null;
  return (
    <Field>
      <Label htmlFor={id}>Buurtteam</Label>
      <Select id={id} name="team" defaultValue={team}>
        {gebruiker.buurtteams.map((t) => (
          <Select.Option key={t} value={t}>
            {t}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );
}
