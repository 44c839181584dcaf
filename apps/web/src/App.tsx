/**
 * The routes. Each page is its own chunk (React.lazy), so a phone downloads only what the page it opens needs.
 * The contract's routes: /, /login, /register, /forgot-password, /feed, /innovations, /innovations/new,
 * /innovations/:id, /wallet, /perks, /perks/:id, /me/redemptions, /notifications, /settings, /partner,
 * /partner/verify, /moderation, /admin.
 */
import { lazy, ReactNode, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { RequireAuth } from './auth/RequireAuth';
import { RoleName } from './auth/AuthProvider';
import { PageLoader } from './components/PageState';
import { AppLayout } from './layout/AppLayout';
import NotFound from './pages/NotFound';

const Landing = lazy(() => import('./pages/guest/Landing'));
const Login = lazy(() => import('./pages/guest/Login'));
const Register = lazy(() => import('./pages/guest/Register'));
const ForgotPassword = lazy(() => import('./pages/guest/ForgotPassword'));
const ResetPassword = lazy(() => import('./pages/guest/ResetPassword'));
const VerifyEmail = lazy(() => import('./pages/guest/VerifyEmail'));
const Feed = lazy(() => import('./pages/member/Feed'));
const Wallet = lazy(() => import('./pages/member/Wallet'));
const Notifications = lazy(() => import('./pages/member/Notifications'));
const Settings = lazy(() => import('./pages/member/Settings'));
const MemberProfile = lazy(() => import('./pages/member/MemberProfile'));
const InnovationList = lazy(() => import('./pages/innovations/InnovationList'));
const InnovationPage = lazy(() => import('./pages/innovations/InnovationPage'));
const InnovationEditor = lazy(() => import('./pages/innovations/InnovationEditor'));
const Perks = lazy(() => import('./pages/market/Perks'));
const PerkPage = lazy(() => import('./pages/market/PerkPage'));
const MyRedemptions = lazy(() => import('./pages/market/MyRedemptions'));
const PartnerHome = lazy(() => import('./pages/partner/PartnerHome'));
const PartnerPerkEditor = lazy(() => import('./pages/partner/PartnerPerkEditor'));
const PartnerVerify = lazy(() => import('./pages/partner/PartnerVerify'));
const ModerationQueue = lazy(() => import('./pages/moderation/ModerationQueue'));
const AdminHome = lazy(() => import('./pages/admin/AdminHome'));
const Cockpit = lazy(() => import('./pages/cockpit/Cockpit'));
const PlansHome = lazy(() => import('./pages/cockpit/plans/PlansHome'));
const PlansSummary = lazy(() => import('./pages/cockpit/plans/PlansSummary'));
const PlanEditor = lazy(() => import('./pages/cockpit/plans/PlanEditor'));
const PlanPage = lazy(() => import('./pages/cockpit/plans/PlanPage'));
const Leaderboards = lazy(() => import('./pages/recognition/Leaderboards'));
const GrowthBadges = lazy(() => import('./pages/recognition/Badges'));
const Portfolio = lazy(() => import('./pages/recognition/Portfolio'));
const MyPlan = lazy(() => import('./pages/recognition/MyPlan'));
const SharedPlans = lazy(() => import('./pages/recognition/SharedPlans'));
const VerifyEvidence = lazy(() => import('./pages/recognition/VerifyEvidence'));
const VerifyCredential = lazy(() => import('./pages/recognition/VerifyCredential'));
const Events = lazy(() => import('./pages/activities/Events'));
const EventPage = lazy(() => import('./pages/activities/EventPage'));
const EventEditor = lazy(() => import('./pages/activities/EventEditor'));
const CheckInScreen = lazy(() => import('./pages/activities/CheckInScreen'));
const CheckIn = lazy(() => import('./pages/activities/CheckIn'));
const Attendance = lazy(() => import('./pages/activities/Attendance'));
const MyCertificates = lazy(() => import('./pages/activities/MyCertificates'));
const Campaigns = lazy(() => import('./pages/campaigns/Campaigns'));
const CampaignPage = lazy(() => import('./pages/campaigns/CampaignPage'));
const CampaignEditor = lazy(() => import('./pages/campaigns/CampaignEditor'));
const VerifyCertificate = lazy(() => import('./pages/activities/VerifyCertificate'));

function member(page: ReactNode, roles?: RoleName[]) {
  return <RequireAuth roles={roles}>{page}</RequireAuth>;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<Landing />} />
      <Route path="/login" element={<Login />} />
      <Route path="/register" element={<Register />} />
      <Route path="/forgot-password" element={<ForgotPassword />} />
      <Route path="/reset-password" element={<ResetPassword />} />
      <Route path="/verify-email" element={<VerifyEmail />} />
      <Route path="/feed" element={member(<Feed />)} />
      <Route path="/innovations" element={<InnovationList />} />
      <Route path="/innovations/new" element={member(<InnovationEditor />)} />
      <Route path="/innovations/:id/edit" element={member(<InnovationEditor />)} />
      <Route path="/innovations/:id" element={<InnovationPage />} />
      <Route path="/members/:id" element={<MemberProfile />} />
      <Route path="/wallet" element={member(<Wallet />)} />
      <Route path="/leaderboards" element={member(<Leaderboards />)} />
      <Route path="/notifications" element={member(<Notifications />)} />
      <Route path="/settings" element={member(<Settings />)} />
      <Route path="/perks" element={member(<Perks />)} />
      <Route path="/perks/:id" element={member(<PerkPage />)} />
      <Route path="/me/redemptions" element={member(<MyRedemptions />)} />
      <Route path="/partner" element={member(<PartnerHome />, ['partner_staff'])} />
      <Route path="/partner/perks/new" element={member(<PartnerPerkEditor />, ['partner_staff'])} />
      <Route path="/partner/perks/:id" element={member(<PartnerPerkEditor />, ['partner_staff'])} />
      <Route path="/partner/verify" element={member(<PartnerVerify />, ['partner_staff'])} />
      <Route path="/moderation" element={member(<ModerationQueue />, ['moderator', 'obec_admin'])} />
      <Route path="/admin" element={member(<AdminHome />, ['obec_admin', 'area_admin'])} />
      <Route path="/cockpit" element={member(<Cockpit />, ['obec_admin', 'area_admin', 'school_admin'])} />
      <Route path="/cockpit/plans" element={member(<PlansHome />, ['obec_admin', 'area_admin'])} />
      <Route path="/cockpit/plans/summary" element={member(<PlansSummary />, ['obec_admin', 'area_admin'])} />
      <Route path="/cockpit/plans/new" element={member(<PlanEditor />, ['obec_admin', 'area_admin'])} />
      <Route path="/cockpit/plans/:id/edit" element={member(<PlanEditor />, ['obec_admin', 'area_admin'])} />
      <Route path="/cockpit/plans/:id" element={member(<PlanPage />, ['obec_admin', 'area_admin'])} />
      <Route path="/badges" element={<GrowthBadges />} />
      <Route path="/members/:id/portfolio" element={<Portfolio />} />
      <Route path="/me/plan" element={member(<MyPlan />)} />
      <Route path="/plans/shared" element={member(<SharedPlans />)} />
      <Route path="/verify/evidence" element={<VerifyEvidence />} />
      <Route path="/verify/evidence/:code" element={<VerifyEvidence />} />
      <Route path="/verify/credential/:id" element={<VerifyCredential />} />
      <Route path="/events" element={member(<Events />)} />
      <Route
        path="/events/new"
        element={member(<EventEditor />, ['obec_admin', 'area_admin', 'school_admin', 'partner_staff'])}
      />
      <Route path="/events/:id" element={member(<EventPage />)} />
      <Route path="/events/:id/check-in-screen" element={member(<CheckInScreen />)} />
      <Route path="/events/:id/check-in" element={member(<CheckIn />)} />
      <Route path="/events/:id/attendance" element={member(<Attendance />)} />
      <Route path="/me/certificates" element={member(<MyCertificates />)} />
      <Route path="/campaigns" element={member(<Campaigns />)} />
      <Route path="/campaigns/:id" element={member(<CampaignPage />)} />
      <Route path="/admin/campaigns/new" element={member(<CampaignEditor />, ['obec_admin', 'area_admin'])} />
      <Route path="/verify/certificate" element={<VerifyCertificate />} />
      <Route path="/verify/certificate/:code" element={<VerifyCertificate />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

export function App() {
  return (
    <AppLayout>
      <Suspense fallback={<PageLoader />}>
        <AppRoutes />
      </Suspense>
    </AppLayout>
  );
}
