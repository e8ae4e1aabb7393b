import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { actionId } from '../../../plugin/permissions';
import { FailedResponseDetail } from './FailedResponseDetail';
import { FailedResponseList } from './FailedResponseList';

/** Admin → Failed responses: the review list and one group's detail, for roles that manage knowledge. */
export default function FailedResponsesPage() {
  return (
    <Page.Protect permissions={[{ action: actionId('manageKnowledge'), subject: null }]}>
      <Routes>
        <Route index element={<FailedResponseList />} />
        <Route path=":id" element={<FailedResponseDetail />} />
      </Routes>
    </Page.Protect>
  );
}
